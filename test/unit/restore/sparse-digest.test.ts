import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sparseDigest } from '../../integration/restore/sparse-digest.ts';

const dir = mkdtempSync(join(tmpdir(), 'custode-sparse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, size: number, writes: Array<[number, Buffer]>): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  for (const [at, data] of writes) writeSync(fd, data, 0, data.length, at);
  closeSync(fd);
  return path;
}

describe.skipIf(process.platform !== 'linux')('the sparse digest the restore tests compare disks with', () => {
  const size = 64 << 20;
  it('equal bytes digest alike whether zeros are holes or written; one byte more differs; so does the length', () => {
    const a = file('a', size, [[4096, Buffer.from('LABDISK a\n')]]);
    const b = file('b', size, [[0, Buffer.alloc(1 << 20)], [4096, Buffer.from('LABDISK a\n')]]);
    const c = file('c', size, [[4096, Buffer.from('LABDISK a\n')], [size / 2, Buffer.from('x')]]);
    const d = file('d', size + 4096, [[4096, Buffer.from('LABDISK a\n')]]);
    expect(sparseDigest(a)).toBe(sparseDigest(b));
    expect(sparseDigest(c)).not.toBe(sparseDigest(a));
    expect(sparseDigest(d)).not.toBe(sparseDigest(a));
  });
});
