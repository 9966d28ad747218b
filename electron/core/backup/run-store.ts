import type { DatabaseSync } from 'node:sqlite';
import type { BackupRun, RunVmOutcome } from '../../../shared/model/backup.ts';

/**
 * The backup runs Custode started (table `backup_runs`, migration 7). The byte offset up to which the run's log
 * has been read and kept is stored after each piece is kept, so a re-attach (link lost, app restarted) goes on
 * from exactly there.
 */
interface Row {
  id: string;
  host_id: string;
  host_name: string;
  operation_id: string | null;
  started_at: number;
  started_by: string;
  reason: string;
  vms: string;
  dry_run: number;
  pid: number | null;
  log_path: string;
  exit_path: string;
  log_offset: number;
  state: string;
  ended_at: number | null;
  exit_code: number | null;
  final_status: string | null;
  outcomes: string | null;
  bytes: number | null;
  duration_ms: number | null;
}

function toRun(r: Row): BackupRun {
  return {
    id: r.id,
    hostId: r.host_id,
    hostName: r.host_name,
    operationId: r.operation_id,
    startedAt: r.started_at,
    startedBy: r.started_by,
    reason: r.reason,
    vms: JSON.parse(r.vms) as string[],
    dryRun: r.dry_run === 1,
    pid: r.pid,
    logPath: r.log_path,
    exitPath: r.exit_path,
    logOffset: r.log_offset,
    state: r.state as BackupRun['state'],
    endedAt: r.ended_at,
    exitCode: r.exit_code,
    finalStatus: r.final_status,
    outcomes: r.outcomes === null ? [] : (JSON.parse(r.outcomes) as RunVmOutcome[]),
    bytes: r.bytes,
    durationMs: r.duration_ms,
  };
}

export interface NewRun {
  id: string;
  hostId: string;
  hostName: string;
  startedAt: number;
  startedBy: string;
  reason: string;
  vms: readonly string[];
  dryRun: boolean;
  logPath: string;
  exitPath: string;
}

/** A cancel of a run, recorded before it stops anything on the host (table `backup_cancels`, migration 10; cancel-mark.ts). */
export interface CancelMark {
  /** The cancel's plan id. */
  id: string;
  runId: string;
  beganAt: number;
  user: string;
  workstation: string;
  /** The process that runs the cancel. */
  pid: number;
  state: 'underway' | 'done' | 'failed';
  endedAt: number | null;
}

interface MarkRow {
  id: string;
  run_id: string;
  began_at: number;
  user: string;
  workstation: string;
  pid: number;
  state: string;
  ended_at: number | null;
}

export class RunStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Recorded before anything is sent, so a run whose start Custode did not see end is still found. */
  add(run: NewRun): BackupRun {
    this.#db
      .prepare(
        `INSERT INTO backup_runs (id, host_id, host_name, started_at, started_by, reason, vms, dry_run, log_path, exit_path, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'starting')`,
      )
      .run(run.id, run.hostId, run.hostName, run.startedAt, run.startedBy, run.reason, JSON.stringify(run.vms), run.dryRun ? 1 : 0, run.logPath, run.exitPath);
    return this.get(run.id);
  }

  get(id: string): BackupRun {
    const row = this.#db.prepare('SELECT * FROM backup_runs WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new Error(`no backup run ${id}`);
    return toRun(row);
  }

  started(id: string, operationId: string | null, pid: number | null): void {
    this.#db.prepare(`UPDATE backup_runs SET operation_id = ?, pid = ?, state = 'running' WHERE id = ?`).run(operationId, pid, id);
  }

  /** The start was refused or failed: nothing runs on the host. */
  notStarted(id: string, operationId: string, at: number): void {
    this.#db.prepare(`UPDATE backup_runs SET operation_id = ?, state = 'notStarted', ended_at = ? WHERE id = ?`).run(operationId, at, id);
  }

  /** The log has been kept up to `offset` bytes. */
  advance(id: string, offset: number): void {
    this.#db.prepare('UPDATE backup_runs SET log_offset = ? WHERE id = ?').run(offset, id);
  }

  /** Only a run still going ends here: a follower that saw a cancelled run's exit leaves the cancel's record as it is. */
  ended(id: string, end: { state: 'ended' | 'lost'; at: number; exitCode: number | null; finalStatus: string | null; outcomes: RunVmOutcome[]; bytes: number | null; durationMs: number }): void {
    this.#db
      .prepare(`UPDATE backup_runs SET state = ?, ended_at = ?, exit_code = ?, final_status = ?, outcomes = ?, bytes = ?, duration_ms = ? WHERE id = ? AND state IN ('starting', 'running')`)
      .run(end.state, end.at, end.exitCode, end.finalStatus, JSON.stringify(end.outcomes), end.bytes, end.durationMs, id);
  }

  /** Stopped by a cancel, whether or not a follower recorded its end first; the cut-off VMs' outcomes name their partial folder. */
  cancelled(id: string, end: { at: number; exitCode: number | null; finalStatus: string | null; outcomes: RunVmOutcome[]; durationMs: number }): void {
    this.#db
      .prepare(`UPDATE backup_runs SET state = 'cancelled', ended_at = ?, exit_code = ?, final_status = ?, outcomes = ?, duration_ms = ? WHERE id = ?`)
      .run(end.at, end.exitCode, end.finalStatus, JSON.stringify(end.outcomes), end.durationMs, id);
  }

  /** A cancel of the run begins; nothing is stopped yet. */
  cancelBegun(mark: Omit<CancelMark, 'state' | 'endedAt'>): void {
    this.#db
      .prepare(`INSERT INTO backup_cancels (id, run_id, began_at, user, workstation, pid, state) VALUES (?, ?, ?, ?, ?, ?, 'underway')`)
      .run(mark.id, mark.runId, mark.beganAt, mark.user, mark.workstation, mark.pid);
  }

  /** The cancel is over: `done` once it recorded the run as cancelled (and verified it), else `failed`. */
  cancelEnded(id: string, state: 'done' | 'failed', at: number): void {
    this.#db.prepare(`UPDATE backup_cancels SET state = ?, ended_at = ? WHERE id = ? AND state = 'underway'`).run(state, at, id);
  }

  /** The cancels of a run, oldest first. */
  cancelMarks(runId: string): CancelMark[] {
    const rows = this.#db.prepare('SELECT * FROM backup_cancels WHERE run_id = ? ORDER BY began_at, id').all(runId) as unknown as MarkRow[];
    return rows.map((r) => ({ id: r.id, runId: r.run_id, beganAt: r.began_at, user: r.user, workstation: r.workstation, pid: r.pid, state: r.state as CancelMark['state'], endedAt: r.ended_at }));
  }

  list(hostId?: string, limit = 100): BackupRun[] {
    const rows = (hostId === undefined
      ? this.#db.prepare('SELECT * FROM backup_runs ORDER BY started_at DESC LIMIT ?').all(limit)
      : this.#db.prepare('SELECT * FROM backup_runs WHERE host_id = ? ORDER BY started_at DESC LIMIT ?').all(hostId, limit)) as unknown as Row[];
    return rows.map(toRun);
  }

  /** The newest run on a host (the one `attach` follows or reports). */
  latest(hostId: string): BackupRun | null {
    return this.list(hostId, 1)[0] ?? null;
  }
}
