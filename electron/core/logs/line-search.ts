import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { LINE_ID_BASE } from './catalog-writer.ts';
import { fold, holdsAll } from './highlight.ts';
import { RareTrigrams } from './rare-trigrams.ts';
import type { Stretch, Timeline, TimelineRun } from './run-timeline.ts';
import type { SearchScope } from './search-scope.ts';

/**
 * One file's lines are one rowid range (file_id * LINE_ID_BASE + line). The bounds are bound as BigInt: a JS number
 * is bound as a REAL, and FTS5 then reads the whole index instead of the range (measured).
 */
const FILE_SPAN = BigInt(LINE_ID_BASE);

export interface LineHit {
  run: TimelineRun;
  line: number;
  text: string;
}

interface Cursor {
  rows: Iterator<{ id: number }>;
  stretch: Stretch;
  /** The next line it gives, if any. */
  head: { id: number; fileId: number; line: number } | null;
  /** No line it has yet to give is newer than this place in the timeline (the newest run of its files up to the head). */
  bound: number;
}

type Candidate = Omit<LineHit, 'text'> & { id: number };

/** Where to show a line: its run's place first, then later lines first. */
const showOrder = (a: { run: TimelineRun; line: number }, b: { run: TimelineRun; line: number }): number => a.run.order - b.run.order || b.line - a.line;

/**
 * The newest lines of the runs in scope that hold every term, newest first: the hits of a newer run before an older
 * one's (in timeline order), and a run's later lines before its earlier ones. At most `limit` of them, and whether
 * there are more.
 *
 * One cursor per stretch of files reads the index backwards (rowid order, which is import order) and only as far as
 * needed. A line is final once no cursor can still give a newer one: each cursor knows the newest run among the files
 * it has yet to read, so a word on every night costs the newest nights of each stretch, and a ten-year folder imported
 * host after host still gives the newest lines in time, not the last host's. A whole-index query in rowid order would
 * give the latter, and with the ORDER BY read years of lines to find them.
 */
export class LineSearch {
  readonly #db: DatabaseSync;
  /** One statement per cursor (a statement is one cursor at a time), kept between searches. */
  readonly #backwards: StatementSync[] = [];
  readonly #texts: StatementSync;
  readonly #trigrams: RareTrigrams;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#trigrams = new RareTrigrams(db);
    this.#texts = db.prepare('SELECT id, text FROM log_line_text WHERE id IN (SELECT value FROM json_each(?))');
  }

  newest(terms: readonly string[], timeline: Timeline, { accepts, bounds: newestUpTo }: SearchScope, limit: number): { hits: LineHit[]; truncated: boolean } {
    const folded = terms.map(fold);
    const match = this.#trigrams.match(folded, timeline);
    const cursors: Cursor[] = timeline.stretches.map((stretch, i) => {
      const stmt = (this.#backwards[i] ??= this.#db.prepare('SELECT rowid AS id FROM log_lines WHERE log_lines MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC'));
      const rows = stmt.iterate(match, BigInt(stretch.first) * FILE_SPAN, BigInt(stretch.last) * FILE_SPAN + FILE_SPAN - 1n) as Iterator<{ id: number }>;
      return { rows, stretch, head: null, bound: newestUpTo[stretch.last]! };
    });
    const advance = (c: Cursor): void => {
      const next = c.rows.next();
      if (next.done === true) {
        c.head = null;
        c.bound = Infinity;
        return;
      }
      const fileId = Math.floor(next.value.id / LINE_ID_BASE);
      c.head = { id: next.value.id, fileId, line: next.value.id - fileId * LINE_ID_BASE };
      c.bound = newestUpTo[fileId]!;
    };
    // Lines the index named, in no final place yet, newest last (so the newest is popped).
    const pending: Candidate[] = [];
    const hits: LineHit[] = [];
    try {
      for (const c of cursors) if (c.bound !== Infinity) advance(c);
      // Lines in their final place go in batches to have their text read and compared with the terms.
      let placed: Candidate[] = [];
      for (let drained = false; hits.length <= limit && !drained; ) {
        let first: Cursor | null = null;
        for (const c of cursors) if (first === null || c.bound < first.bound) first = c;
        const bound = first?.bound ?? Infinity;
        while (pending.length > 0 && pending.at(-1)!.run.order <= bound && hits.length + placed.length <= limit) placed.push(pending.pop()!);
        drained = first === null || first.head === null;
        if (hits.length + placed.length > limit || (drained && placed.length > 0)) {
          hits.push(...this.#holding(placed, folded));
          placed = [];
          drained = false;
          continue;
        }
        if (drained) break;
        const { id, fileId, line } = first!.head!;
        const run = timeline.byFile.get(fileId)?.find((r) => line >= r.firstLine && line <= r.lastLine);
        if (run !== undefined && (accepts === null || accepts(run))) {
          const at = { id, run, line };
          let i = pending.length;
          while (i > 0 && showOrder(pending[i - 1]!, at) < 0) i--;
          pending.splice(i, 0, at);
        }
        advance(first!);
      }
    } finally {
      for (const c of cursors) c.rows.return?.();
    }
    return { hits: hits.slice(0, limit), truncated: hits.length > limit };
  }

  /** The lines (in order) whose text holds every term, with their text: one query for all of them. */
  #holding(lines: readonly Candidate[], folded: readonly string[]): LineHit[] {
    const texts = new Map((this.#texts.all(JSON.stringify(lines.map((l) => l.id))) as { id: number; text: string }[]).map((r) => [r.id, r.text]));
    const out: LineHit[] = [];
    for (const { run, line, id } of lines) {
      const text = texts.get(id) ?? '';
      if (holdsAll(fold(text), folded)) out.push({ run, line, text });
    }
    return out;
  }
}
