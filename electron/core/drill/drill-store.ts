import type { DatabaseSync } from 'node:sqlite';
import type { DrillRecord, DrillResult, DrillTrend } from '../../../shared/model/drill.ts';

/** The drills kept (table `drills`, migration 9): one row written as a drill starts, completed as it ends. */
interface Row {
  id: string;
  vm: string;
  source_host: string;
  copy_folder: string;
  target_host: string;
  datastore: string;
  temp_name: string;
  reason: string;
  started_at: number;
  ended_at: number | null;
  recovery_ms: number | null;
  tools_ms: number | null;
  result: string;
  error_code: string | null;
  operation_id: string | null;
}

const toRecord = (r: Row): DrillRecord => ({
  id: r.id,
  vm: r.vm,
  sourceHost: r.source_host,
  copyFolder: r.copy_folder,
  targetHost: r.target_host,
  datastore: r.datastore,
  tempName: r.temp_name,
  reason: r.reason,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  recoveryMs: r.recovery_ms,
  toolsMs: r.tools_ms,
  result: r.result as DrillResult,
  errorCode: r.error_code,
  operationId: r.operation_id,
});

export type NewDrill = Pick<DrillRecord, 'id' | 'vm' | 'sourceHost' | 'copyFolder' | 'targetHost' | 'datastore' | 'tempName' | 'reason' | 'startedAt'>;
export type DrillEnd = Pick<DrillRecord, 'endedAt' | 'recoveryMs' | 'toolsMs' | 'errorCode' | 'operationId'> & { result: Exclude<DrillResult, 'running'> };

export class DrillStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  start(d: NewDrill): DrillRecord {
    this.#db
      .prepare(`INSERT INTO drills (id, vm, source_host, copy_folder, target_host, datastore, temp_name, reason, started_at, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`)
      .run(d.id, d.vm, d.sourceHost, d.copyFolder, d.targetHost, d.datastore, d.tempName, d.reason, d.startedAt);
    return this.get(d.id)!;
  }

  /** A drill ends once: a second end is a bug in the caller, refused rather than overwriting the first. */
  end(id: string, e: DrillEnd): DrillRecord {
    const changed = this.#db
      .prepare(`UPDATE drills SET ended_at = ?, recovery_ms = ?, tools_ms = ?, result = ?, error_code = ?, operation_id = ? WHERE id = ? AND result = 'running'`)
      .run(e.endedAt, e.recoveryMs, e.toolsMs, e.result, e.errorCode, e.operationId, id);
    if (Number(changed.changes) !== 1) throw new Error(`drill ${id} is not running`);
    return this.get(id)!;
  }

  get(id: string): DrillRecord | null {
    const row = this.#db.prepare('SELECT * FROM drills WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? null : toRecord(row);
  }

  /** Newest first; one VM's only when `vm` is given. */
  list(vm?: string): DrillRecord[] {
    const rows = (vm === undefined ? this.#db.prepare('SELECT * FROM drills ORDER BY started_at DESC, rowid DESC').all() : this.#db.prepare('SELECT * FROM drills WHERE vm = ? ORDER BY started_at DESC, rowid DESC').all(vm)) as unknown as Row[];
    return rows.map(toRecord);
  }

  /** Each VM's last `last` measured recovery times (succeeded drills), oldest first. */
  trends(last: number, vm?: string): DrillTrend[] {
    const byVm = new Map<string, DrillTrend['points']>();
    for (const d of this.list(vm)) {
      if (d.result !== 'succeeded' || d.recoveryMs === null) continue;
      const points = byVm.get(d.vm) ?? [];
      if (points.length < last) points.unshift({ at: d.startedAt, recoveryMs: d.recoveryMs, toolsMs: d.toolsMs });
      byVm.set(d.vm, points);
    }
    return [...byVm].map(([name, points]) => ({ vm: name, points })).sort((a, b) => a.vm.localeCompare(b.vm));
  }
}
