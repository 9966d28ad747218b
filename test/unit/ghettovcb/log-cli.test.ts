import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, fileText } from '../../../electron/cli/io.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';

const root = join(import.meta.dirname, '../../..');
const node = join(root, 'node_modules/.bin/node');
const logs = join(root, 'test/fixtures/ghettovcb/logs');

function custode(args: string[], options: { input?: string | Buffer; lang?: string; nodeArgs?: string[] } = {}) {
  const r = spawnSync(node, [...(options.nodeArgs ?? []), join(root, 'electron/cli/bin.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LANG: options.lang ?? 'C', LC_ALL: '', LC_MESSAGES: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each case starts the CLI (a second or more on a busy machine); nothing here measures time.
describe('custode log parse: output', { timeout: 120_000 }, () => {
  it('--jsonl prints one run per line, as the parser reads them', () => {
    const file = join(logs, 'aborted-then-next-run.txt');
    const r = custode(['log', 'parse', file, '--jsonl']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(parseLog(readFileSync(file, 'utf8')).runs);
  });

  it('--json is one document even for an empty file, and refuses --jsonl beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custode-log-cli-'));
    writeFileSync(join(dir, 'empty.log'), '');
    expect(JSON.parse(custode(['log', 'parse', join(dir, 'empty.log'), '--json']).out)).toEqual({ runs: [] });
    expect(custode(['log', 'parse', join(dir, 'empty.log')])).toEqual({ code: 0, out: 'This file contains no ghettoVCB run.\n', err: '' });
    expect(custode(['log', 'parse', join(dir, 'empty.log'), '--json', '--jsonl']).code).toBe(2);
  });
});

describe('custode log parse: a reader that stops early', { timeout: 120_000 }, () => {
  it('ends quietly when the pipe closes (`| head -1`): no stack trace, exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custode-log-cli-'));
    const big = join(dir, 'big.log');
    // Far more output than a pipe holds, so the write after `head` leaves meets the closed pipe.
    writeFileSync(big, readFileSync(join(logs, 'aborted-then-next-run.txt'), 'utf8').repeat(20_000));
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" log parse "$2" | head -1', node, join(root, 'electron/cli/bin.mjs'), big], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('custode log parse: input limits', { timeout: 120_000 }, () => {
  it('answers a folder with a usage error in the user language (exit 2)', () => {
    expect(custode(['log', 'parse', logs])).toEqual({ code: 2, out: '', err: `custode: cannot read ${logs}: it is a folder; give a file\n` });
    const it_ = custode(['log', 'explain', logs], { lang: 'it_IT.UTF-8' });
    expect(it_).toEqual({ code: 2, out: '', err: `custode: impossibile leggere ${logs}: è una cartella; indica un file\n` });
  });

  it('says "not a ghettoVCB log" with exit 4 for text, binary and a README, instead of an aborted run', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
    for (const input of ['hello world\n', png, readFileSync(join(root, 'README.md'))]) {
      const r = custode(['log', 'parse', '-'], { input });
      expect(r).toEqual({ code: 4, out: '', err: 'custode: This is not a ghettoVCB log: no line in it was written by ghettoVCB or vmkfstools.\n' });
    }
    const it_ = custode(['log', 'explain', '-', '--lang', 'it'], { input: 'ciao\n' });
    expect(it_).toEqual({ code: 4, out: '', err: 'custode: Questo non è un log di ghettoVCB: nessuna riga è stata scritta da ghettoVCB o da vmkfstools.\n' });
  });

  it('reads endless zero bytes in bounded memory: a 64 MB heap is enough for 200 MB without a newline', () => {
    // Without the line bound the pending line alone would need 200 MB and the process would die out of memory.
    const r = custode(['log', 'parse', '-'], { input: Buffer.alloc(200 * 1024 * 1024), nodeArgs: ['--max-old-space-size=64'] });
    expect(r.err).toBe(
      'custode: Lines longer than 1 MiB, cut and read from their first MiB: 1.\ncustode: This is not a ghettoVCB log: no line in it was written by ghettoVCB or vmkfstools.\n',
    );
    expect(r.code).toBe(4);
  });

  it('cuts a 3 MiB line, counts it and still parses the run around it', () => {
    const run = readFileSync(join(logs, 'ref-5.7-success-3vms.txt'), 'utf8');
    const lines = run.split('\n');
    const input = [...lines.slice(0, 3), 'x'.repeat(3 * 1024 * 1024), ...lines.slice(3)].join('\n');
    const r = custode(['log', 'parse', '-', '--jsonl'], { input });
    expect(r.code).toBe(0);
    expect(r.err).toBe('custode: Lines longer than 1 MiB, cut and read from their first MiB: 1.\n');
    const [parsed] = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { linesCut: number; exitCode: number; vms: { outcome: string }[] });
    expect(parsed).toMatchObject({ linesCut: 1, exitCode: 0, vms: [{ outcome: 'ok' }, { outcome: 'ok' }, { outcome: 'ok' }] });
  });
});

describe('decodeUtf8', () => {
  it('decodes text split at any byte, multi-byte characters included, and keeps invalid bytes as U+FFFD', async () => {
    const text = "VM «Protocollo Segreteria» — 1€, 𝄞 ok\n";
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xe2, 0x82])]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      async function* pieces() {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
      let out = '';
      for await (const chunk of decodeUtf8(pieces())) out += chunk;
      expect(out, `cut at ${cut}`).toBe(bytes.toString('utf8'));
    }
  });
});

describe('fileText', () => {
  it('reads a file in pieces and decodes a multi-byte character cut by a read at any of its bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custode-filetext-'));
    // 65536 is the read size: each padding puts one of the characters' bytes across the boundary.
    for (const padding of [65533, 65534, 65535, 65536]) {
      const text = `${'x'.repeat(padding)}𝄞€«\n${'y'.repeat(70_000)}\u00e8`;
      const file = join(dir, `pad-${padding}.log`);
      writeFileSync(file, Buffer.concat([Buffer.from(text), Buffer.from([0xff])]));
      const pieces = [...fileText(file)];
      expect(pieces.length, `padding ${padding}`).toBeGreaterThan(1);
      expect(pieces.join(''), `padding ${padding}`).toBe(`${text}\ufffd`);
    }
  });
});
