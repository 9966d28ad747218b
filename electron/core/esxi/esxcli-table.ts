import { splitLines, unexpectedOutput } from './output.ts';

/**
 * esxcli text tables (esxi-truenas.md A2.1): header, a dashed rule, rows; columns separated by two spaces, each as
 * wide as its widest cell. Strings are left-aligned, booleans and integers right-aligned, so header offsets lie but
 * the rule does not: every column is read from the span of its dashes (the last one runs to the end of the line).
 */
export interface EsxcliTable {
  headers: string[];
  rows: Record<string, string>[];
  /** Lines that do not fit the columns, kept for the caller to show. */
  unknownLines: string[];
}

const RULE = /^-+(?: {2}-+)*\s*$/;

interface Span {
  start: number;
  end: number;
}

function spansOf(rule: string): Span[] {
  const spans: Span[] = [];
  const re = /-+/g;
  for (let m = re.exec(rule); m !== null; m = re.exec(rule)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

function sliceRow(line: string, spans: Span[]): string[] | null {
  for (let i = 1; i < spans.length; i++) {
    const gutter = line.slice(spans[i - 1]!.end, spans[i]!.start);
    if (line.length > spans[i - 1]!.end && gutter.trim() !== '') return null;
  }
  return spans.map((s, i) => line.slice(s.start, i === spans.length - 1 ? undefined : s.end).trim());
}

/** An empty output is an empty table (esxcli prints nothing for an empty list). */
export function parseEsxcliTable(text: string, command: string): EsxcliTable {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) return { headers: [], rows: [], unknownLines: [] };
  const ruleAt = lines.findIndex((l, i) => i > 0 && RULE.test(l));
  if (ruleAt < 1) throw unexpectedOutput(command, text, 'no esxcli table header');
  const spans = spansOf(lines[ruleAt]!);
  const headers = sliceRow(lines[ruleAt - 1]!, spans);
  if (headers === null || headers.some((h) => h === '')) throw unexpectedOutput(command, text, 'header does not match the rule');
  const rows: Record<string, string>[] = [];
  const unknownLines = lines.slice(0, ruleAt - 1).filter((l) => l.trim() !== '');
  for (const line of lines.slice(ruleAt + 1)) {
    if (line.trim() === '') continue;
    const cells = sliceRow(line, spans) ?? splitOnGutters(line, headers.length);
    if (cells === null) {
      unknownLines.push(line);
      continue;
    }
    rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i]!])));
  }
  return { headers, rows, unknownLines };
}

/** A row wider than the rule (should not happen) is still readable when its gutters are all there. */
function splitOnGutters(line: string, count: number): string[] | null {
  const cells = line.trim().split(/ {2,}/);
  return cells.length === count ? cells : null;
}
