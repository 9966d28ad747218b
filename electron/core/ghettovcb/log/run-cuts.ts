import { LOG_TEMPLATES } from './templates.ts';

/**
 * Where a log may be cut into pieces that parsers read apart (on other threads) and still give, piece after piece,
 * the runs one parser gives for the whole: the start of a `LOG START` line whose previous non-empty line is a
 * `LOG END` line. After LOG END the parser's run has its body, so a LOG START opens the next run (`runFor`); what
 * the parser carries from one run to the next past that point is the line count alone (`linesBefore`).
 *
 * Both lines are read strictly, as ghettoVCB writes them (`YYYY-MM-DD HH:MM:SS -- info: ` and the template's text,
 * then `\n` or `\r\n`): a line the parser might read some other way is never a cut, which only makes pieces longer.
 */

const START = Buffer.from(` -- info: ${LOG_TEMPLATES.logStart.text}`, 'latin1');
const END = Buffer.from(` -- info: ${LOG_TEMPLATES.logEnd.text}`, 'latin1');
const STAMP = 19;
const LF = 10;
const CR = 13;

/** `YYYY-MM-DD HH:MM:SS` at `at`. */
function isStamp(bytes: Uint8Array, at: number): boolean {
  if (at < 0) return false;
  for (let i = 0; i < STAMP; i++) {
    const c = bytes[at + i] ?? 0;
    const want = i === 4 || i === 7 ? 45 : i === 10 ? 32 : i === 13 || i === 16 ? 58 : -1;
    if (want < 0 ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

/** The line from `start` to `end` (its `\n` excluded, a `\r` before it allowed) is the stamp then `message`. */
function isLine(bytes: Buffer, start: number, end: number, message: Buffer): boolean {
  const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
  return stop - start === STAMP + message.length && isStamp(bytes, start) && bytes.compare(message, 0, message.length, start + STAMP, stop) === 0;
}

/** Start of the line before the one starting at `lineStart` (past the `\n` that ends it); -1 at the buffer's start. */
function previousLineStart(bytes: Uint8Array, lineStart: number): number {
  for (let i = lineStart - 2; i >= 0; i--) if (bytes[i] === LF) return i + 1;
  return -1;
}

/** The LOG START at `lineStart` follows a LOG END, with only empty lines between them. */
function followsLogEnd(bytes: Buffer, lineStart: number): boolean {
  let end = lineStart - 1;
  let start = previousLineStart(bytes, lineStart);
  while (start >= 0 && (end === start || (end === start + 1 && bytes[start] === CR))) {
    end = start - 1;
    start = previousLineStart(bytes, start);
  }
  return start >= 0 && isLine(bytes, start, end, END);
}

/**
 * The last cut in the first `length` bytes of `bytes` (whole lines of a log from some place on) past its first byte,
 * with its LOG START line whole in them; -1 if there is none. Called again with a cut as `length`, it gives the cut
 * before that one.
 */
export function lastRunCut(bytes: Buffer, length: number): number {
  if (length < STAMP + START.length) return -1;
  for (let at = bytes.lastIndexOf(START, length - START.length); at > STAMP; at = bytes.lastIndexOf(START, at - 1)) {
    const lineStart = at - STAMP;
    const lineEnd = bytes.indexOf(LF, at + START.length);
    if (lineEnd < 0 || lineEnd >= length || bytes[lineStart - 1] !== LF) continue;
    if (isLine(bytes, lineStart, lineEnd, START) && followsLogEnd(bytes, lineStart)) return lineStart;
  }
  return -1;
}
