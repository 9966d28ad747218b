import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GhettoVcbLogParser, parseLog } from '../../../electron/core/ghettovcb/log/parser.ts';
import { lastRunCut } from '../../../electron/core/ghettovcb/log/run-cuts.ts';
import type { LogRun } from '../../../electron/core/ghettovcb/log/types.ts';

const dir = join(import.meta.dirname, '../../fixtures/ghettovcb/logs');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
// The fixtures one after the other, as logs appended to one file.
const all = fixtures.map((f) => (f.text.endsWith('\n') ? f.text : `${f.text}\n`)).join('');

const START = '============================== ghettoVCB LOG START ==============================';
const END = '============================== ghettoVCB LOG END ================================';

function cutsOf(bytes: Buffer): number[] {
  const cuts: number[] = [];
  for (let cut = lastRunCut(bytes, bytes.length); cut >= 0; cut = lastRunCut(bytes, cut)) cuts.unshift(cut);
  return cuts;
}

/** The runs of the log read as two pieces, the second by a parser started afresh at `cut` (a byte offset). */
function runsInTwo(bytes: Buffer, cut: number): LogRun[] {
  const before = bytes.subarray(0, cut);
  const second = new GhettoVcbLogParser({ linesBefore: before.toString('latin1').split('\n').length - 1 });
  second.feed(bytes.subarray(cut).toString('utf8'));
  return [...parseLog(before.toString('utf8')).runs, ...second.end().runs];
}

describe('run cuts', () => {
  it('cut the fixture logs where two parsers give the runs one parser gives for the whole', () => {
    const bytes = Buffer.from(all, 'utf8');
    const whole = parseLog(all).runs;
    const cuts = cutsOf(bytes);
    // Most fixtures are one run each and end with LOG END; the next one starts with LOG START.
    expect(cuts.length).toBeGreaterThanOrEqual(10);
    for (const cut of cuts) expect(runsInTwo(bytes, cut), `cut at byte ${cut}`).toEqual(whole);
  });

  it('find the cuts inside a log as well (runs that follow each other in one file)', () => {
    const inside = fixtures.filter((f) => cutsOf(Buffer.from(f.text, 'utf8')).length > 0);
    expect(inside.map((f) => f.name)).toContain('aborted-then-next-run.txt');
    for (const f of inside) {
      const bytes = Buffer.from(f.text, 'utf8');
      for (const cut of cutsOf(bytes)) expect(runsInTwo(bytes, cut), `${f.name} at ${cut}`).toEqual(parseLog(f.text).runs);
    }
  });

  it('is a LOG START right after a LOG END, empty lines and CRLF between them allowed', () => {
    // The LOG END line whole too: a line before it says where it starts.
    const log = `…\n2025-01-01 04:30:00 -- info: ${END}\n\n\r\n2025-01-02 04:30:00 -- info: ${START}\r\n`;
    expect(cutsOf(Buffer.from(log))[0] ?? -1).toBe(Buffer.from(log).indexOf('2025-01-02'));
    expect(cutsOf(Buffer.from(log.slice(2)))[0] ?? -1).toBe(-1);
  });

  it('is nowhere else: the parser may read those lines into the run before', () => {
    const lines = [
      // Something between LOG END and LOG START.
      `…\n2025-01-01 04:30:00 -- info: ${END}\nnoise\n2025-01-02 04:30:00 -- info: ${START}\n`,
      // Not the level ghettoVCB writes them at.
      `…\n2025-01-01 04:30:00 -- debug: ${END}\n2025-01-02 04:30:00 -- info: ${START}\n`,
      `…\n2025-01-01 04:30:00 -- info: ${END}\n2025-01-02 04:30:00 -- debug: ${START}\n`,
      // More on the line.
      `…\n2025-01-01 04:30:00 -- info: ${END}\n2025-01-02 04:30:00 -- info: ${START} x\n`,
      `…\n2025-01-01 04:30:00 -- info: ${END}!\n2025-01-02 04:30:00 -- info: ${START}\n`,
      // Not a timestamp.
      `…\n2025-01-01 04:30:00 -- info: ${END}\n2025-01-0x 04:30:00 -- info: ${START}\n`,
      // The LOG START line not whole yet.
      `…\n2025-01-01 04:30:00 -- info: ${END}\n2025-01-02 04:30:00 -- info: ${START}`,
    ];
    for (const log of lines) expect(cutsOf(Buffer.from(log))[0] ?? -1, JSON.stringify(log)).toBe(-1);
  });

  it('would change the runs where the run before has no body yet: why a LOG END must come first', () => {
    // A run holding only lines no template knows takes the LOG START that follows into itself.
    const log = `some wrapper output\n2025-01-02 04:30:00 -- info: ${START}\n2025-01-02 04:30:01 -- info: ${END}\n`;
    const bytes = Buffer.from(log);
    expect(cutsOf(bytes)[0] ?? -1).toBe(-1);
    expect(runsInTwo(bytes, log.indexOf('2025'))).not.toEqual(parseLog(log).runs);
  });
});
