/**
 * Template matching: a template is literal text with `{name}` holes. A trie of the templates' literal prefixes,
 * built as one regular expression from escaped literals, finds the candidates; holes are then read with `indexOf`
 * and suffixes compared in place. A VM name is never part of a pattern, so it is safe whatever characters it holds
 * (a VM named `a.b (1)` is not a pattern here, unlike in ghettoVCB's own greps).
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
 * Whether `text` holds `literal` at `at` (0 ≤ `at`): a template's suffix, or one of two prefixes sharing a slot.
 * Compared one character at a time, which the compiler inlines into its caller (`startsWith` measured no faster).
 */
export function holds(text: string, at: number, literal: string): boolean {
  const n = literal.length;
  for (let i = 0; i < n; i++) if (text.charCodeAt(at + i) !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * Whether `text` from `from` to `to` matches `template`, known to start with its prefix (`prefixLength`
 * characters); the values land in `template.values`. Holes are filled left to right, each up to the first
 * occurrence of the next literal; the last hole takes everything up to the suffix. `from`/`to` let a caller match
 * a line inside a big chunk without copying it out first.
 */
function matchAfter(template: CompiledTemplate, prefixLength: number, text: string, from: number, to: number): boolean {
  const { literals, slots, values } = template;
  let pos = from + prefixLength;
  if (slots.length === 0) return to === pos;
  const suffix = literals[literals.length - 1] ?? '';
  const end = to - suffix.length;
  if (end < pos || !holds(text, end, suffix)) return false;
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

/** A template's literal prefix: the text before its first hole. */
function prefixOf(template: CompiledTemplate): string {
  return template.literals[0] ?? '';
}

/**
 * The slot of a template prefix found in `text` from `from` to `prefixEnd`, from its first two characters and its
 * length. Two prefixes may share a slot (LOG START and LOG END always do); `TemplateIndex` then compares them.
 */
function prefixSlot(text: string, from: number, prefixEnd: number, bits: number): number {
  const key = ((text.charCodeAt(from) & 0x7f) << 15) | ((text.charCodeAt(from + 1) & 0x7f) << 8) | (prefixEnd - from);
  // Fibonacci hashing: the key times 2^32/φ, its top `bits` bits.
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}

/** `a.b` → `a\\.b`: a literal inside a regular expression. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * A regular expression source matching the longest of `words` a text starts with, as a trie: at each character at
 * most one branch goes on, so a failed try never backs up further than the word it was in.
 */
function triePattern(words: readonly string[]): string {
  const root: TrieNode = { next: new Map(), end: false };
  for (const word of words) {
    let node = root;
    for (const c of word) {
      let child = node.next.get(c);
      if (child === undefined) {
        child = { next: new Map(), end: false };
        node.next.set(c, child);
      }
      node = child;
    }
    node.end = true;
  }
  const branches = (node: TrieNode): string =>
    [...node.next]
      .map(([c, child]) => {
        let literal = c;
        let at = child;
        // A run of characters with one way on is one literal.
        while (!at.end && at.next.size === 1) {
          const [only] = at.next;
          if (only === undefined) break;
          literal += only[0];
          at = only[1];
        }
        const rest = at.next.size === 0 ? '' : `(?:${branches(at)})${at.end ? '?' : ''}`;
        return escapeLiteral(literal) + rest;
      })
      .join('|');
  return branches(root);
}

/** A template prefix, and the templates whose prefix starts it (itself included), in the order they are tried. */
interface PrefixEntry<T> {
  readonly prefix: string;
  readonly templates: readonly T[];
}

/**
 * Templates found by their literal prefix. One regular expression, a trie of every prefix, finds the longest
 * prefix a line starts with: irregexp compares a literal several characters at a time where JavaScript compares
 * one, and a line is read once whatever the number of templates. Then only the templates whose prefix starts
 * that one are tried, longest prefix first, their prefix already known to match.
 */
export class TemplateIndex<T extends CompiledTemplate> {
  /**
   * The trie as a regular expression source: a caller that already reads the start of a line with an expression
   * appends it (optional) to its own, and passes where it ended to `matchAfterPrefix`.
   */
  readonly prefixPattern: string;
  private readonly prefixes: RegExp;
  /**
   * By `prefixSlot`: the prefixes in that slot. An array rather than a Map: one load instead of a hash lookup, a
   * cost the profile shows on every line.
   */
  private readonly bySlot: (readonly PrefixEntry<T>[] | undefined)[];
  private readonly bits: number;

  constructor(templates: Iterable<T>) {
    const list = [...templates];
    for (const template of list) {
      const length = prefixOf(template).length;
      if (length < 4 || length > 255) throw new Error(`template ${template.id} needs a literal prefix of 4 to 255 characters`);
    }
    list.sort((a, b) => prefixOf(b).length - prefixOf(a).length || b.literals.join('').length - a.literals.join('').length);
    const prefixes = [...new Set(list.map(prefixOf))];
    const entries = prefixes.map((prefix) => ({ prefix, templates: list.filter((t) => prefix.startsWith(prefixOf(t))) }));
    // The smallest table in which only prefixes alike in their first two characters and length share a slot.
    const alike = (a: string, b: string) => a.length === b.length && a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1);
    let bits = 8;
    for (;;) {
      const slots: PrefixEntry<T>[][] = [];
      for (const entry of entries) (slots[prefixSlot(entry.prefix, 0, entry.prefix.length, bits)] ??= []).push(entry);
      if (bits === 16 || slots.every((slot) => slot.every((e) => alike(e.prefix, slot[0]?.prefix ?? '')))) {
        this.bySlot = Array.from({ length: 1 << bits }, (_, i) => slots[i]);
        this.bits = bits;
        break;
      }
      bits++;
    }
    this.prefixPattern = triePattern(prefixes);
    this.prefixes = new RegExp(`(?:${this.prefixPattern})`, 'y');
  }

  /** The template `text` (from `from` to `to`) matches, its `values` filled; null when none does. */
  match(text: string, from = 0, to = text.length): T | null {
    const prefixes = this.prefixes;
    prefixes.lastIndex = from;
    if (!prefixes.test(text)) return null;
    const prefixEnd = prefixes.lastIndex;
    // The text goes on past `to` with the rest of a longer prefix: read the line alone.
    if (prefixEnd > to) return this.match(text.slice(from, to));
    return this.matchAfterPrefix(text, from, prefixEnd, to);
  }

  /**
   * `match` when `prefixPattern` found that the longest template prefix `text` starts with at `from` ends at
   * `prefixEnd` (≤ `to`), or found none (`prefixEnd` === `from`).
   */
  matchAfterPrefix(text: string, from: number, prefixEnd: number, to: number): T | null {
    // No prefix found (the caller's expression has the trie optional): the slot of a length 0 may hold a prefix.
    if (prefixEnd === from) return null;
    const entries = this.bySlot[prefixSlot(text, from, prefixEnd, this.bits)];
    if (entries === undefined) return null;
    let entry = entries[0];
    if (entries.length > 1) for (let i = 1; entry !== undefined && !holds(text, from, entry.prefix); i++) entry = entries[i];
    if (entry === undefined) return null;
    const templates = entry.templates;
    for (let i = 0; i < templates.length; i++) {
      const template = templates[i] as T;
      if (matchAfter(template, prefixOf(template).length, text, from, to)) return template;
    }
    return null;
  }
}
