import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GhettoVcbLogParser, MAX_LINE_CHARS, parseLog, parseLogChunks } from '../../../electron/core/ghettovcb/log/parser.ts';
import type { LogRun } from '../../../electron/core/ghettovcb/log/types.ts';

const dir = join(import.meta.dirname, '../../fixtures/ghettovcb/logs');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(dir, f), 'utf8'))
  .join('');
// CRLF and `\r` progress must survive any split too.
const withCrlf = corpus.slice(0, 6000).replace(/\n/g, '\r\n');

function feedInPieces(text: string, cuts: number[]) {
  const parser = new GhettoVcbLogParser();
  let last = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    parser.feed(text.slice(last, cut));
    last = cut;
  }
  parser.feed(text.slice(last));
  return parser.end();
}

describe('streaming', () => {
  const whole = parseLog(corpus);
  const wholeCrlf = parseLog(withCrlf);

  it('gives the same result for any split of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: corpus.length }), { maxLength: 60 }), (cuts) => {
        expect(feedInPieces(corpus, cuts)).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result for any split of a CRLF log', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: withCrlf.length }), { maxLength: 40 }), (cuts) => {
        expect(feedInPieces(withCrlf, cuts)).toEqual(wholeCrlf);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts one character at a time', () => {
    expect(feedInPieces(corpus.slice(0, 5000), Array.from({ length: 5000 }, (_, i) => i))).toEqual(parseLog(corpus.slice(0, 5000)));
  });

  it('shows a live run as in progress until the stream ends', () => {
    const parser = new GhettoVcbLogParser();
    parser.feed('2025-11-07 01:00:02 -- info: ============================== ghettoVCB LOG START ==============================\n');
    parser.feed("2025-11-07 01:00:04 -- info: Initiate backup for web01\nCloning disk '/vmfs/volumes/ds/web01/web01.vmdk'...\n");
    parser.feed('Clone: 10% done.\rClone: 11');
    expect(parser.result().runs[0]).toMatchObject({ aborted: false, vms: [{ name: 'web01', outcome: 'unknown' }] });
    expect(parser.live()).toEqual({ vm: 'web01', source: '/vmfs/volumes/ds/web01/web01.vmdk', percent: 10 });
    parser.feed('% done.');
    expect(parser.live().percent).toBe(11);
    expect(parser.end().runs[0]).toMatchObject({ aborted: true, vms: [{ outcome: 'unknown', disks: [{ lastPercent: 11 }] }] });
  });

  it('parses an async chunk stream and honours cancellation', async () => {
    async function* chunks() {
      for (let i = 0; i < corpus.length; i += 777) yield corpus.slice(i, i + 777);
    }
    expect(await parseLogChunks(chunks())).toEqual(whole);
    const controller = new AbortController();
    controller.abort();
    await expect(parseLogChunks(chunks(), controller.signal)).rejects.toThrow();
  });

  it('hands each run out when the next one begins and keeps none itself', () => {
    const handed: LogRun[] = [];
    const parser = new GhettoVcbLogParser({ onRun: (run) => handed.push(run) });
    const text = readFileSync(join(dir, 'aborted-then-next-run.txt'), 'utf8');
    const second = text.indexOf('2025-11-06 01:00:02');
    parser.feed(text.slice(0, second));
    expect(handed).toHaveLength(0);
    parser.feed(text.slice(second, second + 200));
    expect(handed.map((r) => [r.aborted, r.vms[0]?.disks[0]?.lastPercent])).toEqual([[true, 57]]);
    parser.feed(text.slice(second + 200));
    expect(parser.end()).toEqual({ runs: [] });
    expect(handed).toEqual(parseLog(text).runs);
  });

  it('hands out the same runs as it returns, over the whole corpus', () => {
    const handed: LogRun[] = [];
    const parser = new GhettoVcbLogParser({ onRun: (run) => handed.push(run) });
    parser.feed(corpus);
    parser.end();
    expect(handed).toEqual(whole.runs);
  });

  it('counts the lines ghettoVCB wrote: none in a text that is not its log', () => {
    const other = new GhettoVcbLogParser();
    other.feed('hello world\n\u0089PNG\r\n\u001a\n# README\n');
    expect(other.end().runs).toHaveLength(1);
    expect(other.recognizedLines).toBe(0);
    const log = new GhettoVcbLogParser();
    log.feed(corpus);
    log.end();
    expect(log.recognizedLines).toBeGreaterThan(500);
  });

  it('cuts a line longer than the limit, whatever the chunking, and counts it in its run', () => {
    const prefix = '2025-11-02 01:00:04 -- info: Initiate backup for ';
    const long = `${prefix}${'x'.repeat(MAX_LINE_CHARS + 10)}`;
    const text = `2025-11-02 01:00:02 -- info: ============================== ghettoVCB LOG START ==============================\n${long}\n`;
    for (const size of [text.length, 65536, 4096]) {
      const parser = new GhettoVcbLogParser();
      for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
      const [run] = parser.end().runs;
      expect(run?.linesCut).toBe(1);
      // Cut to its first MAX_LINE_CHARS characters: the name lost its tail.
      expect(run?.vms[0]?.name).toBe('x'.repeat(MAX_LINE_CHARS - prefix.length));
    }
  });
});

