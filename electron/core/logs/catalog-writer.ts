import type { DatabaseSync } from 'node:sqlite';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { eachLine } from './log-bytes.ts';
import { runStatus, secondsBetween, vmCounts } from './run-summary.ts';

/**
 * The catalog's write side. One file is written in one transaction: its row, its runs with their VMs, disks and
 * findings, and every line into the FTS index. A crash at any moment leaves the file either fully indexed as
 * before or fully indexed as now, never half; a file that grew is re-indexed whole under the same ids.
 */
export const RUNS_PER_FILE = 100_000;
export const LINE_ID_BASE = 2 ** 32;

export interface FileMeta {
  hostId: string | null;
  hostName: string;
  source: 'nas' | 'esxi' | 'import';
  /** Where the file was found: the path on the host (the same whichever side served it), or the imported path. */
  origin: string;
  size: number;
  mtime: number;
  sha256: string;
  harvestedAt: number;
}

export interface IndexedFile {
  meta: FileMeta;
  blob: string;
  text: string;
  invalidUtf8: boolean;
  /** The file may still be written to: its last run without a Final status is `running`, not aborted. */
  growing: boolean;
  runs: LogRun[];
}

export interface ExistingFile {
  id: number;
  size: number;
  mtime: number;
  sha256: string;
  state: 'indexed' | 'refused';
  reason: string | null;
}

export class CatalogWriter {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  existing(hostName: string, origin: string): ExistingFile | null {
    const row = this.#db.prepare('SELECT id, size, mtime, sha256, state, reason FROM log_files WHERE host_name = ? AND origin = ?').get(hostName, origin);
    return (row as ExistingFile | undefined) ?? null;
  }

  /** A file already catalogued with these bytes, under any name. */
  byContent(sha256: string): ExistingFile | null {
    const row = this.#db.prepare('SELECT id, size, mtime, sha256, state, reason FROM log_files WHERE sha256 = ? LIMIT 1').get(sha256);
    return (row as ExistingFile | undefined) ?? null;
  }

  /** Records a file Custode will not index, with the reason's code, so it is not fetched again unchanged. */
  refuse(meta: FileMeta, reason: string): void {
    this.#transaction(() => {
      const id = this.#upsertFile(meta, { blob: '', state: 'refused', reason, lineCount: 0, invalidUtf8: false, growing: false });
      this.#clear(id);
    });
  }

  index(file: IndexedFile): { fileId: number; runs: number; lines: number } {
    return this.#transaction(() => {
      const fileId = this.#upsertFile(file.meta, { blob: file.blob, state: 'indexed', reason: null, lineCount: 0, invalidUtf8: file.invalidUtf8, growing: file.growing });
      this.#clear(fileId);
      const lineText = this.#db.prepare('INSERT INTO log_line_text (id, text) VALUES (?, ?)');
      const lineFts = this.#db.prepare('INSERT INTO log_lines (rowid, text) VALUES (?, ?)');
      const base = fileId * LINE_ID_BASE;
      const lines = eachLine(file.text, (n, text) => {
        lineText.run(base + n, text);
        lineFts.run(base + n, text);
      });
      this.#db.prepare('UPDATE log_files SET line_count = ? WHERE id = ?').run(lines, fileId);
      file.runs.slice(0, RUNS_PER_FILE).forEach((run, index) => this.#insertRun(fileId, file, run, index, file.growing && index === file.runs.length - 1));
      return { fileId, runs: Math.min(file.runs.length, RUNS_PER_FILE), lines };
    });
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const value = work();
      this.#db.exec('COMMIT');
      return value;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #upsertFile(meta: FileMeta, state: { blob: string; state: 'indexed' | 'refused'; reason: string | null; lineCount: number; invalidUtf8: boolean; growing: boolean }): number {
    const row = this.#db
      .prepare(
        `INSERT INTO log_files (host_id, host_name, source, origin, size, mtime, sha256, blob, state, reason, line_count, invalid_utf8, growing, harvested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (host_name, origin) DO UPDATE SET host_id = excluded.host_id, source = excluded.source, size = excluded.size,
           mtime = excluded.mtime, sha256 = excluded.sha256, blob = excluded.blob, state = excluded.state, reason = excluded.reason,
           line_count = excluded.line_count, invalid_utf8 = excluded.invalid_utf8, growing = excluded.growing, harvested_at = excluded.harvested_at
         RETURNING id`,
      )
      .get(meta.hostId, meta.hostName, meta.source, meta.origin, meta.size, meta.mtime, meta.sha256, state.blob, state.state, state.reason, state.lineCount, state.invalidUtf8 ? 1 : 0, state.growing ? 1 : 0, meta.harvestedAt) as { id: number };
    return row.id;
  }

  /** Removes a file's runs (cascading to VMs, disks, findings) and its lines from the index. */
  #clear(fileId: number): void {
    this.#db.prepare('DELETE FROM log_runs WHERE file_id = ?').run(fileId);
    const from = fileId * LINE_ID_BASE;
    const to = from + LINE_ID_BASE - 1;
    this.#db.prepare(`INSERT INTO log_lines (log_lines, rowid, text) SELECT 'delete', id, text FROM log_line_text WHERE id BETWEEN ? AND ?`).run(from, to);
    this.#db.prepare('DELETE FROM log_line_text WHERE id BETWEEN ? AND ?').run(from, to);
  }

  #insertRun(fileId: number, file: IndexedFile, run: LogRun, index: number, growing: boolean): void {
    const id = fileId * RUNS_PER_FILE + index;
    const counts = vmCounts(run);
    // The lines are in the index already; the stored run drops the copy of the unrecognised ones.
    const stored = { ...run, unrecognized: [] };
    this.#db
      .prepare(
        `INSERT INTO log_runs (id, file_id, run_index, host_id, host_name, hostname, started_at, ended_at, status, final_status, exit_code, dryrun,
           first_line, last_line, vms_ok, vms_problem, duration_s, run_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        fileId,
        index,
        file.meta.hostId,
        file.meta.hostName,
        run.host.hostname,
        run.startedAt,
        run.endedAt,
        runStatus(run, growing),
        run.finalStatus,
        run.exitCode,
        run.dryrun ? 1 : 0,
        run.firstLine,
        run.lastLine,
        counts.ok,
        counts.problem,
        secondsBetween(run.startedAt, run.endedAt),
        JSON.stringify(stored),
      );
    const vm = this.#db.prepare('INSERT OR IGNORE INTO log_vms (run_id, name, outcome, reason, line, started_at, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const disk = this.#db.prepare('INSERT INTO log_disks (run_id, vm_name, source, destination, format, percent, error, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const finding = this.#db.prepare('INSERT INTO log_findings (run_id, vm_name, kind, text) VALUES (?, ?, ?, ?)');
    for (const v of run.vms) {
      vm.run(id, v.name, v.outcome, v.reason, v.line, v.startedAt, v.durationSeconds);
      for (const d of v.disks) disk.run(id, v.name, d.source, d.destination, d.format, d.lastPercent, d.error, d.errorCode);
      for (const w of v.warnings) finding.run(id, v.name, 'warning', w);
    }
    if (run.failure) finding.run(id, null, `failure.${run.failure.kind}`, run.failure.message);
    for (const e of run.emailErrors) finding.run(id, null, 'email', e);
  }
}
