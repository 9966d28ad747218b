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
  return { id, literals, names };
}

/**
 * Values by name, or null. Holes are filled left to right, each up to the first occurrence of the next
 * literal; the last hole takes everything up to the suffix.
 */
export function matchTemplate(template: CompiledTemplate, message: string): Record<string, string> | null {
  const { literals, names } = template;
  const prefix = literals[0] ?? '';
  if (names.length === 0) return message === prefix ? {} : null;
  if (!message.startsWith(prefix)) return null;
  const suffix = literals[literals.length - 1] ?? '';
  const end = message.length - suffix.length;
  if (end < prefix.length || !message.endsWith(suffix)) return null;
  const values: Record<string, string> = {};
  let pos = prefix.length;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    if (i === names.length - 1) {
      values[name] = message.slice(pos, end);
      break;
    }
    const literal = literals[i + 1] ?? '';
    const at = message.indexOf(literal, pos);
    if (at < 0 || at > end) return null;
    values[name] = message.slice(pos, at);
    pos = at + literal.length;
  }
  return values;
}

/** A number from the first four UTF-16 units, used to bucket templates by their literal prefix. */
export function prefixKey(text: string, from = 0): number {
  if (text.length - from < 4) return -1;
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

  match(message: string): { id: Id; values: Record<string, string> } | null {
    const bucket = this.buckets.get(prefixKey(message));
    if (bucket === undefined) return null;
    for (const template of bucket) {
      const values = matchTemplate(template, message);
      if (values !== null) return { id: template.id, values };
    }
    return null;
  }
}
