/**
 * Template matching without regular expressions: a template is literal text with `{name}` holes, matched by
 * `startsWith`, `indexOf` and `endsWith`. That keeps the hot path cheap and makes VM names safe whatever
 * characters they hold (a VM named `a.b (1)` is not a pattern here, unlike in ghettoVCB's own greps).
 */

/**
 * Where matches put their values: one array shared by every template compiled against it, a slot per hole name.
 * A log has millions of lines: reading `values[slot]` is the same cheap array load for every template, where a
 * record per template would give the caller a different object shape on every line.
 */
export class HoleSlots {
  readonly values: string[] = [];
  private readonly byName = new Map<string, number>();

  /** The slot of a hole name, allocated on first use. */
  slot(name: string): number {
    let slot = this.byName.get(name);
    if (slot === undefined) {
      slot = this.values.length;
      this.byName.set(name, slot);
      this.values.push('');
    }
    return slot;
  }
}

export interface CompiledTemplate<Id extends string = string> {
  readonly id: Id;
  /** literals.length === slots.length + 1; literals[0] is the prefix, the last one the suffix. */
  readonly literals: readonly string[];
  /** The slot in `values` of each hole, left to right. */
  readonly slots: readonly number[];
  /**
   * The values of the last successful match, by slot (`HoleSlots.values`). Refilled by every match: the caller
   * reads the values before it matches the next line.
   */
  readonly values: string[];
}

/** A string of its own, flat: not a slice of the template text (every character read through a slice costs more). */
function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

export function compileTemplate<Id extends string>(id: Id, text: string, holes: HoleSlots): CompiledTemplate<Id> {
  const literals: string[] = [];
  const slots: number[] = [];
  const hole = /\{(\w+)\}/g;
  let last = 0;
  for (let m = hole.exec(text); m !== null; m = hole.exec(text)) {
    literals.push(flat(text.slice(last, m.index)));
    slots.push(holes.slot(m[1] ?? ''));
    last = m.index + m[0].length;
  }
  literals.push(flat(text.slice(last)));
  return { id, literals, slots, values: holes.values };
}

/**
 * Whether `text` holds `literal` at `at` (0 ≤ `at`). Compared one character at a time, which the compiler inlines
 * into its caller: a call to `startsWith` costs more than the comparison, and most tries fail on a first character.
 */
export function holds(text: string, at: number, literal: string): boolean {
  const n = literal.length;
  for (let i = 0; i < n; i++) if (text.charCodeAt(at + i) !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * Whether `text` from `from` to `to` matches; the values land in `template.values`. Holes are filled left to
 * right, each up to the first occurrence of the next literal; the last hole takes everything up to the suffix.
 * `from`/`to` let a caller match a line inside a big chunk without copying it out first.
 */
export function matchTemplate(template: CompiledTemplate, text: string, from = 0, to = text.length): boolean {
  return matchAfter(template, 0, template.literals[0] ?? '', text, from, to);
}

/** `matchTemplate` when the first `known` characters of the prefix have been seen to match; `rest` is the others. */
function matchAfter(template: CompiledTemplate, known: number, rest: string, text: string, from: number, to: number): boolean {
  const { literals, slots, values } = template;
  let pos = from + known + rest.length;
  if (slots.length === 0) return to === pos && holds(text, from + known, rest);
  const suffix = literals[literals.length - 1] ?? '';
  const end = to - suffix.length;
  if (end < pos || !holds(text, from + known, rest) || !holds(text, end, suffix)) return false;
  const last = slots.length - 1;
  for (let i = 0; i < last; i++) {
    const literal = literals[i + 1] ?? '';
    const at = text.indexOf(literal, pos);
    if (at < 0 || at > end) return false;
    values[slots[i] ?? 0] = text.slice(pos, at);
    pos = at + literal.length;
  }
  values[slots[last] ?? 0] = text.slice(pos, end);
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

/**
 * Templates whose prefixes share a key, the text all those prefixes begin with, and what follows it in each
 * template's prefix (`rests[i]` for `templates[i]`).
 */
interface Bucket<T> {
  readonly common: string;
  readonly templates: readonly T[];
  readonly rests: readonly string[];
}

function commonStart(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return a.slice(0, n);
}

/**
 * Templates bucketed by prefix key; within a bucket the longest prefix is tried first. The prefix the bucket's
 * templates share is compared once per line, not once per template tried.
 */
export class TemplateIndex<T extends CompiledTemplate> {
  private readonly buckets = new Map<number, Bucket<T>>();

  constructor(templates: Iterable<T>) {
    const lists = new Map<number, T[]>();
    for (const template of templates) {
      const key = prefixKey(template.literals[0] ?? '');
      if (key === -1) throw new Error(`template ${template.id} needs a literal prefix of 4+ characters`);
      const list = lists.get(key) ?? [];
      list.push(template);
      lists.set(key, list);
    }
    for (const [key, list] of lists) {
      list.sort((a, b) => (b.literals[0] ?? '').length - (a.literals[0] ?? '').length || b.literals.join('').length - a.literals.join('').length);
      const common = list.map((t) => t.literals[0] ?? '').reduce(commonStart);
      this.buckets.set(key, { common, templates: list, rests: list.map((t) => flat((t.literals[0] ?? '').slice(common.length))) });
    }
  }

  /** The template `text` (from `from` to `to`) matches, its `values` filled; null when none does. */
  match(text: string, from = 0, to = text.length): T | null {
    const bucket = this.buckets.get(prefixKey(text, from, to));
    if (bucket === undefined) return null;
    const common = bucket.common;
    if (!holds(text, from, common)) return null;
    const { templates, rests } = bucket;
    for (let i = 0; i < templates.length; i++) {
      const template = templates[i] as T;
      if (matchAfter(template, common.length, rests[i] ?? '', text, from, to)) return template;
    }
    return null;
  }
}
