import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Lines counted per trigram: enough to tell a rare one from a common one, cheap for both. */
const COUNT_CAP = 16384;
/** Trigrams the index is asked for, the rarest of all the terms' (any of them narrows the search down). */
const PICKED = 3;

const trigrams = (term: string): string[] => {
  const chars = [...term];
  return [...new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')))];
};

/** The trigrams that start at the term's first, fourth, seventh … character, and its last one. */
const cover = (term: string): string[] => {
  const chars = [...term];
  const out: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i += 3) out.push(chars.slice(i, i + 3).join(''));
  if (chars.length % 3 !== 0) out.push(chars.slice(-3).join(''));
  return out;
};

/**
 * The index query that narrows a search down: the rarest trigrams of the terms (case folded, at least three
 * characters: see search-query.ts), all required. A line holding the term holds them, so no hit is missed, and the
 * lines that hold them elsewhere are dropped by comparing the text (see line-search.ts). A phrase query makes the
 * index walk every overlapping trigram of the phrase in step, the common ones (" to", "ne ") too; two rare ones read a
 * fraction of that (measured on the catalog bench: "Failed to clone disk" 21 ms as a phrase, under 1 ms as its two rarest).
 * How rare a trigram is comes from counting its lines up to COUNT_CAP, once per trigram until the catalog changes.
 */
export class RareTrigrams {
  readonly #count: StatementSync;
  #lines = new Map<string, number>();
  #of: object | null = null;

  constructor(db: DatabaseSync) {
    this.#count = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM log_lines WHERE log_lines MATCH ? LIMIT ${COUNT_CAP})`);
  }

  /** The MATCH expression for these folded terms; `catalog` is the state the counts are valid for (they are kept while it is the same). */
  match(foldedTerms: readonly string[], catalog: object): string {
    if (catalog !== this.#of) {
      this.#lines = new Map();
      this.#of = catalog;
    }
    const counted = (ts: string[]): { t: string; n: number }[] => ts.map((t) => ({ t, n: this.#linesWith(t) })).sort((a, b) => a.n - b.n);
    const all = counted([...new Set(foldedTerms.flatMap(trigrams))]);
    // Nothing rare: the trigrams side by side that cover each term, so that few lines hold them all elsewhere.
    if (all[0]!.n >= COUNT_CAP) return [...new Set(foldedTerms.flatMap(cover))].map(quote).join(' AND ');
    // Each term's rarest, so that lines holding only one term's are not read, then the rarest of all, but never a
    // common one: its long list of lines costs more to walk than the few extra lines it would drop ("Protocollo Lab"
    // read 1.3 ms with two common ones added to its rarest, 0.15 ms without, on the catalog bench).
    const picked = new Set(foldedTerms.map((term) => counted(trigrams(term))[0]!.t));
    for (const { t, n } of all) if (picked.size < PICKED && n < COUNT_CAP) picked.add(t);
    return [...picked].map(quote).join(' AND ');
  }

  #linesWith(trigram: string): number {
    let n = this.#lines.get(trigram);
    if (n === undefined) this.#lines.set(trigram, (n = (this.#count.get(quote(trigram)) as { n: number }).n));
    return n;
  }
}

const quote = (t: string): string => `"${t.replaceAll('"', '""')}"`;
