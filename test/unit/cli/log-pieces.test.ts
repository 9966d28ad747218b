import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pieceSettings, printPieces } from '../../../electron/cli/log-pieces.ts';
import { Utf8Batch } from '../../../electron/cli/utf8-batch.ts';
import { parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import { custodeProcess } from '../../custode-process.ts';

// A big log parsed by threads piece by piece (log-pieces.ts) must print what one thread prints, byte for byte. The
// pieces here are tiny (CUSTODE_LOG_PIECE_BYTES) so that small files are cut in many places.

const dir = join(import.meta.dirname, '../../fixtures/ghettovcb/logs');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .map((text) => (text.endsWith('\n') ? text : `${text}\n`))
  .join('');
const work = mkdtempSync(join(tmpdir(), 'custode-log-pieces-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const stamp = (s: number) => `2025-03-0${1 + (s % 9)} 04:30:${String(s % 60).padStart(2, '0')}`;
const START = '============================== ghettoVCB LOG START ==============================';
const END = '============================== ghettoVCB LOG END ================================';

/** A run of `vms` VMs with names in several scripts (multi-byte UTF-8) and `noise` lines no template knows. */
function run(vms: number, noise: string): string {
  const lines = [`${stamp(0)} -- info: ${START}`, ''];
  for (let i = 0; i < vms; i++) {
    lines.push(`${stamp(i)} -- info: Initiate backup for Schüler-€-${i}-😀`, noise, `${stamp(i + 1)} -- info: Backup Duration: ${i} Seconds`);
    lines.push(`${stamp(i + 1)} -- info: Successfully completed backup for Schüler-€-${i}-😀!`, '');
  }
  lines.push(`${stamp(59)} -- info: ###### Final status: All VMs backed up OK! ######`, '', `${stamp(59)} -- info: ${END}`, '');
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const LOGS = {
  // Cut all along: runs of every shape the fixtures have, many times over. Their longest stretch without a cut is
  // 23 kB, under the 8 pieces a piece may grow to before the rest is left to the command's own thread.
  fixtures: { path: file('fixtures.log', fixtures.repeat(6)), pieceBytes: 4096 },
  // A run with no cut for far longer than a piece: the rest is read on the command's own thread.
  'one long run': { path: file('long.log', fixtures.repeat(2) + run(400, 'noise line ü') + fixtures.repeat(2)), pieceBytes: 4096 },
  // A line over the parser's 1 MiB limit inside a piece, and pieces long enough to be decoded in several slices.
  'a cut line': { path: file('cut.log', `${fixtures.repeat(3)}${run(1, 'ü€😀'.repeat(300_000))}${fixtures.repeat(30)}`), pieceBytes: 512 * 1024 },
};

describe('log parse in pieces', () => {
  for (const [name, log] of Object.entries(LOGS)) {
    for (const flag of [[], ['--json'], ['--jsonl']]) {
      it(`prints what one thread prints: ${name} ${flag.join(' ') || '(summary)'}`, async () => {
        const pieces = await custodeProcess(['log', 'parse', log.path, ...flag], { CUSTODE_LOG_THREADS: '3', CUSTODE_LOG_PIECE_BYTES: String(log.pieceBytes) });
        const one = await custodeProcess(['log', 'parse', log.path, ...flag], { CUSTODE_LOG_THREADS: '1' });
        expect(one.code).toBe(0);
        expect(one.out.length).toBeGreaterThan(1000);
        expect(pieces).toEqual(one);
      });
    }
  }

  it('says when a line was cut, as on one thread', async () => {
    const args = ['log', 'parse', LOGS['a cut line'].path, '--lang', 'it'];
    const pieces = await custodeProcess(args, { CUSTODE_LOG_THREADS: '2', CUSTODE_LOG_PIECE_BYTES: String(LOGS['a cut line'].pieceBytes) });
    expect(pieces.err).toContain('Righe più lunghe di 1 MiB, tagliate e lette dal loro primo MiB: 1.');
    expect(pieces.err).toBe((await custodeProcess(args, { CUSTODE_LOG_THREADS: '1' })).err);
  });

  it('hands out the whole file when it can be cut, and stops at a run too long to cut', async () => {
    const count = (path: string) => parseLog(readFileSync(path, 'utf8')).runs.length;
    for (const [name, log] of Object.entries(LOGS)) {
      let bytes = 0;
      const out = new Utf8Batch((b) => void (bytes += b.length));
      const done = await printPieces(log.path, 'jsonl', out, { threads: 2, pieceBytes: log.pieceBytes, fromBytes: 0, workersFirst: true });
      out.flush();
      expect(done, name).not.toBeNull();
      const size = statSync(log.path).size;
      if (name === 'one long run') {
        expect(done!.offset).toBeGreaterThan(0);
        expect(done!.offset).toBeLessThan(size);
        expect(readFileSync(log.path).subarray(done!.offset, done!.offset + 120).toString()).toContain('LOG START');
      } else {
        expect(done!.offset).toBe(size);
        expect(done!.tally.count).toBe(count(log.path));
        expect(done!.linesBefore).toBe(readFileSync(log.path, 'latin1').split('\n').length - 1);
      }
      expect(bytes).toBeGreaterThan(0);
      // Both kinds of piece: those the worker parsed and those this thread did while the worker had two.
      expect(done!.onWorkers, name).toBeGreaterThan(0);
      expect(done!.onWorkers, name).toBeLessThan(done!.pieces);
    }
  });

  it('parses on alone, the same, when a worker cannot start', async () => {
    const broken = new URL(`data:text/javascript,${encodeURIComponent('throw new Error("no worker here")')}`);
    const expected = parseLog(readFileSync(LOGS.fixtures.path, 'utf8'))
      .runs.map((run) => `${JSON.stringify(run)}\n`)
      .join('');
    for (const workersFirst of [true, false]) {
      let text = '';
      const out = new Utf8Batch((b) => void (text += Buffer.from(b).toString('utf8')));
      const done = await printPieces(LOGS.fixtures.path, 'jsonl', out, { threads: 2, pieceBytes: 4096, fromBytes: 0, workersFirst, workerModule: broken });
      out.flush();
      expect(done?.onWorkers).toBe(0);
      expect(done?.offset).toBe(statSync(LOGS.fixtures.path).size);
      expect(text).toBe(expected);
    }
  });

  it('leaves a small file, and everything with one thread, to the command itself', async () => {
    const out = new Utf8Batch(() => undefined);
    expect(await printPieces(LOGS.fixtures.path, 'json', out, { threads: 2, pieceBytes: 1024, fromBytes: 1 << 20 })).toBeNull();
    expect(await printPieces(LOGS.fixtures.path, 'json', out, { threads: 1, pieceBytes: 1024, fromBytes: 0 })).toBeNull();
    expect(pieceSettings({}).fromBytes).toBe(128 * 1024 * 1024);
    expect(pieceSettings({ CUSTODE_LOG_THREADS: '1' }).threads).toBe(1);
    expect(pieceSettings({ CUSTODE_LOG_PIECE_BYTES: '4096' })).toMatchObject({ pieceBytes: 4096, fromBytes: 16384, workersFirst: true });
    expect(pieceSettings({}).workersFirst).toBe(false);
  });
});
