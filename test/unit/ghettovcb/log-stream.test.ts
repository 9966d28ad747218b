import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GhettoVcbLogParser, parseLog, parseLogChunks } from '../../../electron/core/ghettovcb/log/parser.ts';

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
});
