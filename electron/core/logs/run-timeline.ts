import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RunRow } from '../../../shared/ipc/logs.ts';
import type { RunStatus } from '../../../shared/model/log-catalog.ts';

/** What a search needs of a run to order its hits, apply the host/status filters and show it, without reading the run row. */
export interface TimelineRun {
  id: number;
  fileId: number;
  firstLine: number;
  lastLine: number;
  hostName: string;
  hostId: string | null;
  hostname: string | null;
  status: RunStatus;
  /** Its place in the timeline, newest first. */
  order: number;
  /** The run as the run list gives it (shared by every search: not to be changed). */
  row: RunRow;
}

/**
 * A stretch of file ids whose files were imported roughly in time order (a host's folder of nights, or the nights
 * harvested one after the other): read backwards, its lines come newest first, give or take a few runs.
 */
export interface Stretch {
  first: number;
  last: number;
}

export interface Timeline {
  /** Newest first: by start time, then by id; runs with no start time last (as the run list orders them). */
  runs: readonly TimelineRun[];
  /** The runs of each file, by file id: a hit line belongs to the one whose line range holds it. */
  byFile: ReadonlyMap<number, readonly TimelineRun[]>;
  /** The file ids split where the import order jumps back in time (a second host's folder after the first's). */
  stretches: readonly Stretch[];
  /** The largest file id (for tables indexed by file id). */
  maxFileId: number;
  /** boundsOf every run. */
  bounds: Float64Array;
}

/** A jump back in time of more runs than this between consecutive file ids starts a new stretch. */
const STRETCH_SLACK = 64;
/** At most this many stretches (the biggest jumps win): each is one cursor of a search. */
const MAX_STRETCHES = 16;

type Row = Omit<TimelineRun, 'order' | 'row'> & Omit<RunRow, 'dryrun'> & { dryrun: number };

/**
 * Every run of the catalog in time order, kept in memory between searches: a search walks it newest first and asks
 * the line index only about the files of the runs it has reached. Ten years of five hosts are 18,000 runs (a few MB);
 * reading them costs tens of milliseconds, so the list is read again only when the database changed since: a write
 * through this connection (`total_changes()`) or a commit by another one (`PRAGMA data_version`).
 */
export class RunTimeline {
  readonly #version: StatementSync;
  readonly #read: StatementSync;
  #key = '';
  #timeline: Timeline = { runs: [], byFile: new Map(), stretches: [], maxFileId: 0, bounds: new Float64Array(1) };

  constructor(db: DatabaseSync) {
    this.#version = db.prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version');
    this.#read = db.prepare(
      `SELECT id, file_id AS fileId, started_at AS startedAt, ended_at AS endedAt, duration_s AS durationSeconds, first_line AS firstLine, last_line AS lastLine,
         host_name AS hostName, host_id AS hostId, hostname, status, final_status AS finalStatus, exit_code AS exitCode, dryrun, vms_ok AS vmsOk,
         vms_problem AS vmsProblem FROM log_runs ORDER BY started_at DESC, id DESC`,
    );
  }

  current(): Timeline {
    const v = this.#version.get() as { changes: number; version: number };
    const key = `${v.changes}:${v.version}`;
    if (key !== this.#key) {
      this.#timeline = build(this.#read.all() as Row[]);
      this.#key = key;
    }
    return this.#timeline;
  }
}

function build(rows: Row[]): Timeline {
  // Plain objects of one shape (the driver's rows have no prototype and are slow to read in a loop).
  const runs = rows.map((r, order): TimelineRun => ({
    id: r.id,
    fileId: r.fileId,
    firstLine: r.firstLine,
    lastLine: r.lastLine,
    hostName: r.hostName,
    hostId: r.hostId,
    hostname: r.hostname,
    status: r.status,
    order,
    row: {
      id: r.id,
      fileId: r.fileId,
      hostId: r.hostId,
      hostName: r.hostName,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationSeconds: r.durationSeconds,
      status: r.status,
      finalStatus: r.finalStatus,
      exitCode: r.exitCode,
      dryrun: r.dryrun === 1,
      vmsOk: r.vmsOk,
      vmsProblem: r.vmsProblem,
    },
  }));
  const byFile = new Map<number, TimelineRun[]>();
  for (const run of runs) {
    const list = byFile.get(run.fileId);
    if (list) list.push(run);
    else byFile.set(run.fileId, [run]);
  }
  // byFile's lists are newest first: [0] is a file's newest run.
  const ids = Int32Array.from(byFile.keys()).sort();
  const jumps: { i: number; back: number }[] = [];
  for (let i = 1; i < ids.length; i++) {
    const back = byFile.get(ids[i]!)![0]!.order - byFile.get(ids[i - 1]!)![0]!.order;
    if (back > STRETCH_SLACK) jumps.push({ i, back });
  }
  const cuts = jumps
    .sort((a, b) => b.back - a.back)
    .slice(0, MAX_STRETCHES - 1)
    .map((c) => c.i)
    .sort((a, b) => a - b);
  const stretches: Stretch[] = [];
  let from = 0;
  for (const cut of [...cuts, ids.length]) {
    if (cut > from) stretches.push({ first: ids[from]!, last: ids[cut - 1]! });
    from = cut;
  }
  const timeline = { runs, byFile, stretches, maxFileId: ids.at(-1) ?? 0 };
  return { ...timeline, bounds: boundsOf(timeline, null) };
}

/**
 * For each file id, the newest accepted run (its place in the timeline) among the files of its stretch up to it:
 * what a cursor of that stretch, at that file, may still give. Infinity where there is none.
 */
export function boundsOf(timeline: Omit<Timeline, 'bounds'>, accepts: ((run: TimelineRun) => boolean) | null): Float64Array {
  const out = new Float64Array(timeline.maxFileId + 1).fill(Infinity);
  for (const [fileId, runs] of timeline.byFile) {
    const run = accepts === null ? runs[0] : runs.find(accepts);
    if (run !== undefined) out[fileId] = run.order;
  }
  for (const { first, last } of timeline.stretches) for (let f = first + 1; f <= last; f++) out[f] = Math.min(out[f]!, out[f - 1]!);
  return out;
}

