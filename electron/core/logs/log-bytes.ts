/**
 * What a file's bytes are before they are parsed: text (perhaps with invalid UTF-8, shown with U+FFFD while the
 * raw bytes stay verbatim) or binary, which is refused. Lines are cut exactly as the log parser counts them
 * (`\n`, one trailing `\r` dropped, no line after a final `\n`), so line numbers agree everywhere.
 */
const SNIFF = 64 * 1024;
/** Longer lines are indexed and shown up to here (the raw file keeps them whole). */
export const LINE_TEXT_CAP = 8 * 1024;

export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function decodeLog(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalidUtf8: true };
  }
}

/** Calls `onLine(number, text)` for each line from line `from` on, capped for display and the index; returns the line count. */
export function eachLine(text: string, from: number, onLine: (line: number, text: string) => void): number {
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    line++;
    if (line >= from) onLine(line, shown(text, start, end));
    start = nl + 1;
  }
  return line;
}

function shown(text: string, start: number, end: number): string {
  const cut = end - start > LINE_TEXT_CAP;
  const body = collapseProgress(text.slice(start, cut ? start + LINE_TEXT_CAP : end));
  return cut ? `${body}…` : body;
}

const PROGRESS = /^Clone: \d{1,3}% done\.$/;

/**
 * vmkfstools prints its progress as one line of `Clone: N% done.` steps joined with `\r`, which a terminal shows as
 * the last step only. Shown and indexed as its first and last step (`Clone: 0% done. … Clone: 100% done.`): where
 * the copy started and stopped, and what follows it (the error), stay on the line and searchable, while the hundred
 * steps between, about half of a nightly log's bytes, cost neither index space nor ingest time. The raw file keeps
 * them all.
 */
export function collapseProgress(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    if (PROGRESS.test(parts[i]!)) while (j + 1 < parts.length && PROGRESS.test(parts[j + 1]!)) j++;
    out.push(j - i >= 2 ? `${parts[i]!} … ${parts[j]!}` : parts.slice(i, j + 1).join(' '));
    i = j + 1;
  }
  return out.join(' ');
}
