/**
 * Template matching without regular expressions: a template is literal text with `{name}` holes, matched by
 * `startsWith`, `indexOf` and `endsWith`. That keeps the hot path cheap and makes VM names safe whatever
 * characters they hold (a VM named `a.b (1)` is not a pattern here, unlike in ghettoVCB's own greps).
 */
export interface CompiledTemplate<Id extends string = string> {
  readonly id: Id;
  /** literals.length === names.length + 1; literals[0] is the prefix, the last one the suffix. */
  readonly literals: readonly string[];
  readonly names: readonly string[];
  /**
   * The values of the last successful match, by name. One object per template, refilled by every match: a
   * log has millions of lines and the caller reads the values before it matches the next one.
   */
  readonly values: Record<string, string>;
}

export function compileTemplate<Id extends string>(id: Id, text: string): CompiledTemplate<Id> {
  const literals: string[] = [];
  const names: string[] = [];
  const hole = /\{(\w+)\}/g;
  let last = 0;
  for (let m = hole.exec(text); m !== null; m = hole.exec(text)) {
    literals.push(text.slice(last, m.index));
    names.push(m[1] ?? '');
    last = m.index + m[0].length;
  }
  literals.push(text.slice(last));
  const values: Record<string, string> = {};
  for (const name of names) values[name] = '';
  return { id, literals, names, values };
}

/**
 * Whether `text` from `from` to `to` matches; the values land in `template.values`. Holes are filled left to
 * right, each up to the first occurrence of the next literal; the last hole takes everything up to the suffix.
 * `from`/`to` let a caller match a line inside a big chunk without copying it out first.
 */
export function matchTemplate(template: CompiledTemplate, text: string, from = 0, to = text.length): boolean {
  const { literals, names, values } = template;
  const prefix = literals[0] ?? '';
  if (names.length === 0) return to - from === prefix.length && text.startsWith(prefix, from);
  if (!text.startsWith(prefix, from)) return false;
  const suffix = literals[literals.length - 1] ?? '';
  const end = to - suffix.length;
  let pos = from + prefix.length;
  if (end < pos || !text.startsWith(suffix, end)) return false;
  const last = names.length - 1;
  for (let i = 0; i < last; i++) {
    const literal = literals[i + 1] ?? '';
    const at = text.indexOf(literal, pos);
    if (at < 0 || at > end) return false;
    values[names[i] ?? ''] = text.slice(pos, at);
    pos = at + literal.length;
  }
  values[names[last] ?? ''] = text.slice(pos, end);
  return true;
}

/** A number from the first four UTF-16 units, used to bucket templates by their literal prefix. */
export function prefixKey(text: string, from = 0, to = text.length): number {
  if (to - from < 4) return -1;
  return (
    ((text.charCodeAt(from) & 0xff) << 24) |
    ((text.charCodeAt(from + 1) & 0xff) << 16) |
    ((text.charCodeAt(from + 2) & 0xff) << 8) |
    (text.charCodeAt(from + 3) & 0xff)
  );
}

/** Templates bucketed by prefix key; within a bucket the longest prefix is tried first. */
export class TemplateIndex<Id extends string> {
  private readonly buckets = new Map<number, CompiledTemplate<Id>[]>();

  constructor(templates: Iterable<CompiledTemplate<Id>>) {
    for (const template of templates) {
      const key = prefixKey(template.literals[0] ?? '');
      if (key === -1) throw new Error(`template ${template.id} needs a literal prefix of 4+ characters`);
      const bucket = this.buckets.get(key) ?? [];
      bucket.push(template);
      this.buckets.set(key, bucket);
    }
    for (const bucket of this.buckets.values()) {
      bucket.sort((a, b) => (b.literals[0] ?? '').length - (a.literals[0] ?? '').length || b.literals.join('').length - a.literals.join('').length);
    }
  }

  /** The template `text` (from `from` to `to`) matches, its `values` filled; null when none does. */
  match(text: string, from = 0, to = text.length): CompiledTemplate<Id> | null {
    const bucket = this.buckets.get(prefixKey(text, from, to));
    if (bucket === undefined) return null;
    for (let i = 0; i < bucket.length; i++) {
      const template = bucket[i] as CompiledTemplate<Id>;
      if (matchTemplate(template, text, from, to)) return template;
    }
    return null;
  }
}
