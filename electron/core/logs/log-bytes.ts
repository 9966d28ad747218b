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

/** Calls `onLine(number, text)` for each line, capped for display and the index; returns the line count. */
export function eachLine(text: string, onLine: (line: number, text: string) => void): number {
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    line++;
    onLine(line, shown(text, start, end));
    start = nl + 1;
  }
  return line;
}

function shown(text: string, start: number, end: number): string {
  // vmkfstools joins its progress with `\r`: shown as spaces, as a terminal would have overwritten them.
  const cut = end - start > LINE_TEXT_CAP;
  const body = text.slice(start, cut ? start + LINE_TEXT_CAP : end).replaceAll('\r', ' ');
  return cut ? `${body}…` : body;
}
