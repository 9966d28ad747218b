import type { DatabaseSync } from 'node:sqlite';
import type { HistoryRun, LastGoodCopy, RunOrigin, RunVerify, VmVerify } from '../../../shared/model/backup-history.ts';
import type { BackupRun, RunVmOutcome } from '../../../shared/model/backup.ts';
import type { RunStore } from './run-store.ts';

/**
 * The history beside the runs table (migration 8): who started each run (Custode or the host's schedule), and what
 * verification found per VM. A VM's last good copy is read from the verified copies, newest run first, so it only
 * ever moves to a copy that was verified.
 */
interface VerifyRow {
  vm: string;
  verdict: VmVerify['verdict'];
  copy: string | null;
  status: VmVerify['status'];
  status_text: string | null;
  copies_on_disk: number | null;
  rotation: number | null;
  bytes: number | null;
  disks: string;
  checks: string;
}

const toVmVerify = (r: VerifyRow): VmVerify => ({
  vm: r.vm,
  verdict: r.verdict,
  copy: r.copy,
  status: r.status,
  statusText: r.status_text,
  copiesOnDisk: r.copies_on_disk,
  rotation: r.rotation,
  bytes: r.bytes,
  disks: JSON.parse(r.disks) as VmVerify['disks'],
  checks: JSON.parse(r.checks) as VmVerify['checks'],
});

/** A run the host's schedule started, as found in a log on the share. */
export interface CronRun {
  id: string;
  hostId: string;
  hostName: string;
  startedAt: number;
  logPath: string;
  endedAt: number | null;
  exitCode: number | null;
  finalStatus: string | null;
  outcomes: RunVmOutcome[];
  durationMs: number | null;
  dryRun: boolean;
}

export class HistoryStore {
  readonly #db: DatabaseSync;
  readonly #runs: RunStore;

  constructor(db: DatabaseSync, runs: RunStore) {
    this.#db = db;
    this.#runs = runs;
  }

  /** Records a scheduled run once (its id is made from the host, the log and the start); false when it was known. */
  addCron(run: CronRun): boolean {
    const result = this.#db
      .prepare(
        `INSERT OR IGNORE INTO backup_runs (id, host_id, host_name, started_at, started_by, reason, vms, dry_run, log_path, exit_path, state, ended_at, exit_code, final_status, outcomes, duration_ms, origin)
         VALUES (?, ?, ?, ?, 'cron', '', '[]', ?, ?, '', ?, ?, ?, ?, ?, ?, 'cron')`,
      )
      .run(run.id, run.hostId, run.hostName, run.startedAt, run.dryRun ? 1 : 0, run.logPath, run.endedAt === null ? 'lost' : 'ended', run.endedAt, run.exitCode, run.finalStatus, JSON.stringify(run.outcomes), run.durationMs);
    return Number(result.changes) > 0;
  }

  /** Replaces what verification found for a run; the run's bytes become the sum of its new copies. */
  record(runId: string, verify: RunVerify): void {
    const insert = this.#db.prepare(
      `INSERT INTO backup_verifications (run_id, vm, verdict, copy, status, status_text, copies_on_disk, rotation, bytes, disks, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const copied = verify.vms.filter((v) => v.bytes !== null);
    this.#db.exec('BEGIN');
    try {
      this.#db.prepare('DELETE FROM backup_verifications WHERE run_id = ?').run(runId);
      for (const v of verify.vms) {
        insert.run(runId, v.vm, v.verdict, v.copy, v.status, v.statusText, v.copiesOnDisk, v.rotation, v.bytes, JSON.stringify(v.disks), JSON.stringify(v.checks));
      }
      this.#db
        .prepare('UPDATE backup_runs SET verified_at = ?, verify_verdict = ?, bytes = coalesce(?, bytes) WHERE id = ?')
        .run(verify.at, verify.verdict, copied.length === 0 ? null : copied.reduce((sum, v) => sum + v.bytes!, 0), runId);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  verification(runId: string): RunVerify | null {
    const run = this.#db.prepare('SELECT verified_at, verify_verdict FROM backup_runs WHERE id = ?').get(runId) as { verified_at: number | null; verify_verdict: RunVerify['verdict'] | null } | undefined;
    if (run?.verified_at == null || run.verify_verdict === null) return null;
    const rows = this.#db.prepare('SELECT * FROM backup_verifications WHERE run_id = ? ORDER BY rowid').all(runId) as unknown as VerifyRow[];
    return { at: run.verified_at, verdict: run.verify_verdict, vms: rows.map(toVmVerify) };
  }

  origin(runId: string): RunOrigin {
    const row = this.#db.prepare('SELECT origin FROM backup_runs WHERE id = ?').get(runId) as { origin: RunOrigin } | undefined;
    return row?.origin ?? 'custode';
  }

  history(run: BackupRun): HistoryRun {
    return { ...run, origin: this.origin(run.id), verify: this.verification(run.id) };
  }

  list(hostId?: string): HistoryRun[] {
    return this.#runs.list(hostId).map((r) => this.history(r));
  }

  /** Runs that ended but were never verified (the app was closed when they ended). */
  unverified(hostId: string): BackupRun[] {
    const ids = this.#db.prepare(`SELECT id FROM backup_runs WHERE host_id = ? AND state IN ('ended', 'lost', 'cancelled') AND verified_at IS NULL ORDER BY started_at`).all(hostId) as { id: string }[];
    return ids.map((r) => this.#runs.get(r.id));
  }

  lastGood(hostId?: string): LastGoodCopy[] {
    const rows = this.#db
      .prepare(
        `SELECT r.host_id, v.vm, v.run_id, v.copy, v.status, v.bytes, r.verified_at FROM backup_verifications v JOIN backup_runs r ON r.id = v.run_id
         WHERE v.verdict = 'verified' AND (? IS NULL OR r.host_id = ?) ORDER BY r.started_at DESC`,
      )
      .all(hostId ?? null, hostId ?? null) as { host_id: string; vm: string; run_id: string; copy: string; status: 'ok' | 'warn'; bytes: number | null; verified_at: number }[];
    const seen = new Set<string>();
    const out: LastGoodCopy[] = [];
    for (const r of rows) {
      const key = `${r.host_id}\0${r.vm}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ hostId: r.host_id, vm: r.vm, runId: r.run_id, copy: r.copy, status: r.status, bytes: r.bytes, verifiedAt: r.verified_at });
    }
    return out;
  }
}
