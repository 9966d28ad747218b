import { LOG_TEMPLATES } from './templates.ts';
import type { LogRun } from './types.ts';

/**
 * Places where a log splits into pieces that parse on their own, giving the same runs as the whole log: the start
 * of a `LOG START` line whose previous non-empty line is a `LOG END` line. At a LOG END the run has a body, so
 * the parser closes it at the next LOG START whatever came before (only empty lines in between, which change
 * nothing), and the LOG START begins a run from a clean state. Only these exact lines (info level, LF or CRLF)
 * count: a looser match could cut where the parser would not, and a cut found too rarely only costs parallelism.
 */
const START_LINE = ` -- info: ${LOG_TEMPLATES.logStart.text}`;
const END_LINE = ` -- info: ${LOG_TEMPLATES.logEnd.text}`;
const STAMP = 19;
const START_MARK = Buffer.from('ghettoVCB LOG START');
/** Where START_MARK sits in a LOG START line. */
const MARK_AT = STAMP + START_LINE.indexOf('ghettoVCB LOG START');
/** Bytes around a mark that decide a cut: a LOG END line, a few empty lines, the LOG START line. */
export const CUT_CONTEXT = STAMP + END_LINE.length + 2 + 8 * 2 + STAMP + START_LINE.length + 2;
const MAX_EMPTY_LINES = 8;

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 48 && b <= 57;
}

/** `YYYY-MM-DD HH:MM:SS` at `at`. */
function stampAt(buf: Buffer, at: number): boolean {
  if (at < 0 || at + STAMP > buf.length) return false;
  for (let i = 0; i < STAMP; i++) {
    const b = buf[at + i];
    const ok = i === 4 || i === 7 ? b === 45 : i === 10 ? b === 32 : i === 13 || i === 16 ? b === 58 : isDigit(b);
    if (!ok) return false;
  }
  return true;
}

function textAt(buf: Buffer, at: number, text: string): boolean {
  return at >= 0 && at + text.length <= buf.length && buf.toString('latin1', at, at + text.length) === text;
}

/** Start of the line whose end (its `\n` excluded, a `\r` before it too) is at `end`, when it is exactly `line`. */
function lineEndingAt(buf: Buffer, end: number, line: string): number {
  let stop = end;
  if (buf[stop - 1] === 13) stop--;
  const start = stop - line.length - STAMP;
  if (start < 0 || (start > 0 && buf[start - 1] !== 10)) return -1;
  return stampAt(buf, start) && textAt(buf, start + STAMP, line) ? start : -1;
}

/** Whether the line starting at `at` in `buf` is a cut (a LOG START after a LOG END); `buf` must hold its context. */
function cutAt(buf: Buffer, at: number): boolean {
  if (at <= 0 || buf[at - 1] !== 10 || !stampAt(buf, at) || !textAt(buf, at + STAMP, START_LINE)) return false;
  const after = at + STAMP + START_LINE.length;
  if (!(buf[after] === 10 || (buf[after] === 13 && buf[after + 1] === 10))) return false;
  // Back over empty lines to the previous non-empty one, which must be LOG END.
  let end = at - 1;
  for (let empty = 0; empty <= MAX_EMPTY_LINES; empty++) {
    if (lineEndingAt(buf, end, END_LINE) >= 0) return true;
    const prev = buf[end - 1] === 13 ? end - 1 : end;
    if (prev <= 0 || buf[prev - 1] !== 10) return false;
    end = prev - 1;
  }
  return false;
}

/**
 * The first cut at or after `from` in `buf` (a window of the file starting at file offset `base`), as a file
 * offset; -1 when the window holds none. A cut within CUT_CONTEXT of either edge of the window cannot be judged:
 * the caller reads windows that overlap by that much.
 */
export function findCut(buf: Buffer, base: number, from: number): number {
  for (let mark = buf.indexOf(START_MARK, Math.max(0, from - base + MARK_AT)); mark >= 0; mark = buf.indexOf(START_MARK, mark + 1)) {
    const at = mark - MARK_AT;
    if (at + base >= from && cutAt(buf, at)) return at + base;
  }
  return -1;
}

/** A run parsed from a piece of a log that starts `lines` lines into it, numbered as in the whole log. */
export function shiftRunLines(run: LogRun, lines: number): LogRun {
  if (lines === 0) return run;
  run.firstLine += lines;
  run.lastLine += lines;
  for (const vm of run.vms) vm.line += lines;
  for (const u of run.unrecognized) u.line += lines;
  return run;
}
