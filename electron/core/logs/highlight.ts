/** Snippet markers: the UI turns the text between them into highlights (they cannot occur in an indexed line). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Characters of a line shown around its first match, as FTS5's snippet() showed 64 trigram tokens. */
const SNIPPET_CHARS = 64;
/** How much of the line before the first match the snippet keeps. */
const LEAD_CHARS = 16;

/**
 * Case folding as the trigram index does it (each character on its own, so a line keeps its length and a match's
 * offsets in the folded line are its offsets in the line).
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const c of text) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

/** Whether the line holds every term (already folded) as a substring: what the index's phrases mean. */
export function holdsAll(foldedLine: string, foldedTerms: readonly string[]): boolean {
  return foldedTerms.every((t) => foldedLine.includes(t));
}

/** Where the terms occur in the line, as merged [start, end) spans in line order. */
function spans(foldedLine: string, foldedTerms: readonly string[]): [number, number][] {
  const found: [number, number][] = [];
  for (const t of foldedTerms)
    for (let at = foldedLine.indexOf(t); at >= 0; at = foldedLine.indexOf(t, at + 1)) found.push([at, at + t.length]);
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of found) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

/**
 * The part of a hit line shown in a search result: the line around its first match, with every occurrence of the
 * terms between MARK_START and MARK_END and '…' where the line was cut.
 */
export function snippet(line: string, foldedTerms: readonly string[]): string {
  const marks = spans(fold(line), foldedTerms);
  const first = marks[0] ?? [0, 0];
  const width = Math.max(SNIPPET_CHARS, first[1] - first[0] + LEAD_CHARS);
  const from = Math.max(0, Math.min(first[0] - LEAD_CHARS, line.length - width));
  const to = Math.min(line.length, from + width);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of marks) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += `${line.slice(at, a)}${MARK_START}${line.slice(a, b)}${MARK_END}`;
    at = b;
  }
  return `${out}${line.slice(at, to)}${to < line.length ? '…' : ''}`;
}
