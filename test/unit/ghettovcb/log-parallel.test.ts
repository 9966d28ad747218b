import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPrinter, type RunPrintMode } from '../../../electron/cli/commands/log-print.ts';
import { parseInParallel } from '../../../electron/cli/log-parallel.ts';
import { GhettoVcbLogParser } from '../../../electron/core/ghettovcb/log/parser.ts';
import { CUT_CONTEXT, findCut } from '../../../electron/core/ghettovcb/log/run-cuts.ts';
import { fixtureLogs, LOG_SHAPES } from '../../bench/log-corpora.ts';

const dir = mkdtempSync(join(tmpdir(), 'custode-log-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START = '2025-03-02 04:30:00 -- info: ============================== ghettoVCB LOG START ==============================';
const END = '2025-03-02 04:29:59 -- info: ============================== ghettoVCB LOG END ================================';

/** What one parser reading the whole text prints: the reference the pieces must give back. */
function serial(text: string, mode: RunPrintMode): { out: string; runs: number; heldBack: boolean } {
  const { print } = runPrinter(mode, 'en');
  let out = '';
  let runs = 0;
  let heldBack = false;
  const parser = new GhettoVcbLogParser({
    onRun: (run) => {
      if (parser.recognizedLines === 0) heldBack = true;
      else out += print(run, runs++);
    },
  });
  parser.feed(text);
  parser.end();
  return { out, runs, heldBack };
}

async function inPieces(text: string | Buffer, mode: RunPrintMode, pieceBytes: number) {
  const file = join(dir, `log-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(file, text);
  let out = '';
  const result = await parseInParallel(file, mode, 'en', runPrinter(mode, 'en'), { threads: 3, pieceBytes }, (t) => void (out += t));
  rmSync(file);
  return { out, ...result };
}

/** The first `bytes` of a text, ending on a whole line. */
function head(text: string, bytes: number): string {
  const cut = text.indexOf('\n', bytes);
  return cut < 0 ? text : text.slice(0, cut + 1);
}

const realLogs = fixtureLogs()
  .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
  .join('');

describe('log parse in pieces on worker threads', { timeout: 120_000 }, () => {
  const inputs: [string, () => string][] = [
    ['the real fixture logs', () => realLogs],
    ['the real fixture logs with CRLF line ends', () => realLogs.replace(/\n/g, '\r\n')],
    ...LOG_SHAPES.filter((s) => s.name !== 'real fixtures').map((s): [string, () => string] => [`bench shape: ${s.name}`, () => head(s.block(), 600_000)]),
  ];
  for (const [name, text] of inputs) {
    it(`${name}: the same text as one parser, in summary and JSON`, async () => {
      const input = text();
      for (const mode of ['summary', 'json'] as const) {
        const expected = serial(input, mode);
        const got = await inPieces(input, mode, 16 * 1024);
        // More than one piece, or the comparison says nothing about cutting.
        expect(got.pieces).toBeGreaterThan(1);
        expect(got.runs).toBe(expected.runs);
        expect(got.out).toBe(expected.out);
        expect(got.heldBack).toBe(false);
      }
    });
  }

  it('a log with no cut is one piece, whatever the piece size', async () => {
    const oneRun = head(LOG_SHAPES[1]?.block() ?? '', 200_000);
    const got = await inPieces(oneRun, 'jsonl', 1024);
    expect(got.pieces).toBe(1);
    expect(got.out).toBe(serial(oneRun, 'jsonl').out);
  });

  it('a file no ghettoVCB wrote is held back as by the serial path', async () => {
    const text = 'hello\nthis is not a ghettoVCB log\n'.repeat(2000);
    const got = await inPieces(text, 'summary', 1024);
    expect(serial(text, 'summary').heldBack).toBe(true);
    expect(got).toMatchObject({ heldBack: true, runs: 0, out: '' });
  });

  it('invalid UTF-8 and a line with no newline at the end read as in one piece', async () => {
    const bytes = Buffer.concat([Buffer.from(head(realLogs, 200_000)), Buffer.from([0xff, 0xc3, 0x0a]), Buffer.from(`${realLogs.slice(0, 90_000)}tail without newline`)]);
    const expected = serial(bytes.toString('utf8'), 'json');
    const got = await inPieces(bytes, 'json', 8 * 1024);
    expect(got.pieces).toBeGreaterThan(1);
    expect(got.out).toBe(expected.out);
  });
});

describe('where a log splits into runs that parse apart', () => {
  const cutOf = (text: string, from = 0) => findCut(Buffer.from(text), 0, from);

  it('is a LOG START whose previous non-empty line is a LOG END', () => {
    const text = `${END}\n\n${START}\n`;
    expect(cutOf(text)).toBe(text.indexOf(START));
    expect(cutOf(`${END}\r\n\r\n${START}\r\n`)).toBe(`${END}\r\n\r\n`.length);
  });

  it('is not a LOG START after any other line: that run may still take it (an email error after LOG END)', () => {
    const email = '2025-03-02 04:30:00 -- info: ERROR: Failed to email log output to mail.scuola.it to it@scuola.it';
    expect(cutOf(`${END}\n${email}\n${START}\n`)).toBe(-1);
    expect(cutOf(`${START}\n`)).toBe(-1);
    // A LOG START at another level, or with text after it, is not the exact line.
    expect(cutOf(`${END}\n${START.replace('info', 'debug')}\n`)).toBe(-1);
    expect(cutOf(`${END}\n${START} \n`)).toBe(-1);
  });

  it('is found from an offset, and judged only with the bytes it needs around it', () => {
    const pair = `${END}\n\n${START}\n`;
    const text = pair + pair;
    expect(cutOf(text, pair.indexOf(START) + 1)).toBe(pair.length + pair.indexOf(START));
    // A window cut short of the LOG START line's end cannot judge it; the overlap of CUT_CONTEXT covers it.
    const buf = Buffer.from(text);
    expect(findCut(buf.subarray(0, text.length - 5), 0, pair.length)).toBe(-1);
    expect(CUT_CONTEXT).toBeGreaterThanOrEqual(pair.length);
  });
});
