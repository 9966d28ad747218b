import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd, joinPath, sh } from '../../../electron/core/shell/command.ts';
import { harness, labUnavailable, startSshLab, targetFor, type Harness, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh sftp] skipped: ${skip}`);

describe.skipIf(skip !== null)('SFTP on a lab ESXi host', () => {
  let lab: Lab;
  let h: Harness;
  const dir = '/tmp/custode sftp';
  const onDisk = (path: string): string => join(lab.host('esxi-08').hostFs, path);

  beforeAll(async () => {
    lab = await startSshLab('small', 'sftp');
    h = harness();
    h.ssh.register(targetFor(lab.host('esxi-08')));
    await h.ssh.run('esxi-08', cmd('mkdir', '-p', dir));
  });
  afterAll(async () => {
    h?.close();
    await lab?.stop();
  });

  it('writes atomically (temporary file, then rename) and reads back the same bytes', async () => {
    const path = joinPath(dir, "ghettoVCB 'segreteria'.conf");
    await h.ssh.writeAtomic('esxi-08', path, 'VM_BACKUP_ROTATION_COUNT=3\n');
    await h.ssh.writeAtomic('esxi-08', path, 'VM_BACKUP_ROTATION_COUNT=4\nè\n', { mode: 0o600 });
    expect(readFileSync(onDisk(path), 'utf8')).toBe('VM_BACKUP_ROTATION_COUNT=4\nè\n');
    // No temporary file is left next to it.
    expect(readdirSync(onDisk(dir)).filter((n) => n.includes('custode-'))).toEqual([]);
    const entry = await h.ssh.stat('esxi-08', path);
    expect(entry && entry.mode & 0o777).toBe(0o600);
  });

  it('a failed write leaves the old content and no temporary file', async () => {
    const path = joinPath(dir, 'keep.txt');
    await h.ssh.writeAtomic('esxi-08', path, 'old\n');
    await expect(h.ssh.writeAtomic('esxi-08', joinPath(dir, 'missing-folder', 'x.txt'), 'new')).rejects.toMatchObject({ code: 'ssh.fileNotFound' });
    expect(readFileSync(onDisk(path), 'utf8')).toBe('old\n');
    expect(readdirSync(onDisk(dir)).filter((n) => n.includes('custode-'))).toEqual([]);
  });

  it('lists and stats entries, symlinks as themselves, and null for nothing', async () => {
    await h.ssh.run('esxi-08', sh`cd ${dir} && mkdir -p sub && ln -sf keep.txt link`);
    const entries = await h.ssh.list('esxi-08', dir);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e.type]));
    expect(byName).toMatchObject({ sub: 'directory', link: 'symlink', 'keep.txt': 'file' });
    expect(await h.ssh.stat('esxi-08', joinPath(dir, 'keep.txt'))).toMatchObject({ name: 'keep.txt', type: 'file', size: 4 });
    expect(await h.ssh.stat('esxi-08', joinPath(dir, 'nothing here'))).toBeNull();
  });

  it('streams a large file in chunks, byte for byte', async () => {
    const path = joinPath(dir, 'big.log');
    await h.ssh.run('esxi-08', sh`i=0; while [ $i -lt 40000 ]; do echo "line $i Clone: 37% done."; i=$((i+1)); done > ${path}`);
    const chunks: Buffer[] = [];
    const total = await h.ssh.read('esxi-08', path, (c) => {
      chunks.push(c);
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(total).toBe(readFileSync(onDisk(path)).length);
    expect(Buffer.concat(chunks).equals(readFileSync(onDisk(path)))).toBe(true);
  });

  it('a read is cancellable', async () => {
    const controller = new AbortController();
    const path = joinPath(dir, 'big.log');
    const read = h.ssh.read('esxi-08', path, () => controller.abort(), { signal: controller.signal });
    await expect(read).rejects.toMatchObject({ code: 'ssh.cancelled' });
    expect(existsSync(onDisk(path))).toBe(true);
  });
});
