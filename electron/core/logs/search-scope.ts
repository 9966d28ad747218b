import { boundsOf, type Timeline, type TimelineRun } from './run-timeline.ts';

/** The runs a search's filter accepts (null: every run), and the timeline bounds of those runs (see boundsOf). */
export interface SearchScope {
  accepts: ((run: TimelineRun) => boolean) | null;
  bounds: Float64Array;
}

/** Filters whose scope is kept: a few typed one after the other. */
const KEPT = 16;

/**
 * The scope of each run filter, kept while the timeline is the same. Judging every run of ten years and bounding
 * each file costs a few milliseconds, and a search is typed letter by letter under one filter (`host:esxi-07 unab…`),
 * so each filter is judged once per state of the catalog.
 */
export class SearchScopes<F> {
  readonly #judge: (filter: F) => ((run: TimelineRun) => boolean) | null;
  #of: Timeline | null = null;
  readonly #kept = new Map<string, SearchScope>();

  /** `judge` turns a filter into its test on a run, null when it accepts every run. */
  constructor(judge: (filter: F) => ((run: TimelineRun) => boolean) | null) {
    this.#judge = judge;
  }

  /** The filter's scope; filters are told apart by their JSON. */
  of(timeline: Timeline, filter: F): SearchScope {
    const key = JSON.stringify(filter);
    if (timeline !== this.#of) {
      this.#kept.clear();
      this.#of = timeline;
    }
    let scope = this.#kept.get(key);
    if (scope === undefined) {
      const accepts = this.#judge(filter);
      scope = { accepts, bounds: accepts === null ? timeline.bounds : boundsOf(timeline, accepts) };
      if (this.#kept.size >= KEPT) this.#kept.delete(this.#kept.keys().next().value!);
      this.#kept.set(key, scope);
    }
    return scope;
  }
}
