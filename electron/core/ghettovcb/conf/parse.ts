/**
 * ghettoVCB conf files are shell scripts that the script `source`s (reference 2.2). This reads one as a list
 * of lines that keeps every byte (comments, order, unknown keys, CRLF), and decodes each `KEY=value` the way
 * `sh` would, noting what sh would do that a plain reader would miss (expansions, trailing commands).
 */
export type Quoting = 'none' | 'single' | 'double' | 'mixed';

export type ConfLineProblem = 'unterminatedQuote' | 'trailingText';

export type ConfLine =
  | { kind: 'blank' | 'comment'; raw: string }
  | { kind: 'other'; raw: string; spaceAroundEquals: boolean }
  | {
      kind: 'assignment';
      raw: string;
      key: string;
      /** The value sh assigns (quotes removed, escapes resolved). */
      value: string;
      /** Offsets of the value's source text in `raw`, for in-place rewrites. */
      valueStart: number;
      valueEnd: number;
      quoting: Quoting;
      /** `$`, backquote: the value depends on expansion at run time. */
      expands: boolean;
      problem: ConfLineProblem | null;
    };

export interface ConfDocument {
  /** `lines.map(l => l.raw).join('\n')` is the original text, byte for byte. */
  lines: ConfLine[];
}

const ASSIGNMENT = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/;
const SPACED_ASSIGNMENT = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s+=/;
const WORD_END = new Set([' ', '\t', ';', '&', '|', '<', '>', '(', ')']);

/** Index just past the `$( … )` or backquoted substitution starting at `start`, or -1 if it never closes. */
function substitutionEnd(body: string, start: number): number {
  if (body[start] === '`') {
    const close = body.indexOf('`', start + 1);
    return close < 0 ? -1 : close + 1;
  }
  let depth = 0;
  for (let j = start + 1; j < body.length; j++) {
    if (body[j] === '(') depth++;
    else if (body[j] === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

function parseValue(body: string, start: number): Omit<Extract<ConfLine, { kind: 'assignment' }>, 'kind' | 'raw' | 'key' | 'valueStart'> {
  let value = '';
  let i = start;
  const styles = new Set<Quoting>();
  let expands = false;
  let problem: ConfLineProblem | null = null;
  while (i < body.length && !WORD_END.has(body[i] ?? '')) {
    const c = body[i] ?? '';
    if (c === "'") {
      const close = body.indexOf("'", i + 1);
      if (close < 0) return { value: value + body.slice(i + 1), valueEnd: body.length, quoting: 'single', expands, problem: 'unterminatedQuote' };
      value += body.slice(i + 1, close);
      styles.add('single');
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      let closed = false;
      while (j < body.length) {
        const d = body[j] ?? '';
        if (d === '\\' && j + 1 < body.length && '$`"\\'.includes(body[j + 1] ?? '')) {
          value += body[j + 1];
          j += 2;
        } else if (d === '"') {
          closed = true;
          j++;
          break;
        } else {
          if (d === '$' || d === '`') expands = true;
          value += d;
          j++;
        }
      }
      styles.add('double');
      if (!closed) return { value, valueEnd: body.length, quoting: 'double', expands, problem: 'unterminatedQuote' };
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= body.length) return { value, valueEnd: body.length, quoting: 'none', expands, problem: 'unterminatedQuote' };
      value += body[i + 1];
      styles.add('mixed');
      i += 2;
    } else if ((c === '$' && body[i + 1] === '(') || c === '`') {
      // A command substitution is one word even with spaces inside; its value is only known at run time.
      const end = substitutionEnd(body, i);
      if (end < 0) return { value: value + body.slice(i), valueEnd: body.length, quoting: 'none', expands: true, problem: 'unterminatedQuote' };
      value += body.slice(i, end);
      expands = true;
      styles.add('none');
      i = end;
    } else {
      if (c === '$') expands = true;
      value += c;
      styles.add('none');
      i++;
    }
  }
  const valueEnd = i;
  const rest = body.slice(i).trim();
  if (rest !== '' && !rest.startsWith('#')) problem = 'trailingText';
  const quoting: Quoting = styles.size === 0 ? 'none' : styles.size === 1 ? ([...styles][0] as Quoting) : 'mixed';
  return { value, valueEnd, quoting, expands, problem };
}

export function parseConfLine(raw: string): ConfLine {
  const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const trimmed = body.trim();
  if (trimmed === '') return { kind: 'blank', raw };
  if (trimmed.startsWith('#')) return { kind: 'comment', raw };
  const m = ASSIGNMENT.exec(body);
  if (!m) return { kind: 'other', raw, spaceAroundEquals: SPACED_ASSIGNMENT.test(body) };
  const key = m[3] ?? '';
  const valueStart = m[0].length;
  return { kind: 'assignment', raw, key, valueStart, ...parseValue(body, valueStart) };
}

export function parseConf(text: string): ConfDocument {
  return { lines: text.split('\n').map(parseConfLine) };
}

/** What sh ends up with: the last assignment of each key wins. */
export function confValues(doc: ConfDocument): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  doc.lines.forEach((l, i) => {
    if (l.kind === 'assignment') out.set(l.key, { value: l.value, line: i + 1 });
  });
  return out;
}
