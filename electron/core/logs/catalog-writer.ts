import type { DatabaseSync, StatementSync } from 'node:sqlite';
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
  blob: string;
}

export class CatalogWriter {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  existing(hostName: string, origin: string): ExistingFile | null {
    const row = this.#prepared('SELECT id, size, mtime, sha256, state, reason, blob FROM log_files WHERE host_name = ? AND origin = ?').get(hostName, origin);
    return (row as ExistingFile | undefined) ?? null;
  }

  /** A file already catalogued with these bytes, under any name. */
  byContent(sha256: string): ExistingFile | null {
    const row = this.#prepared('SELECT id, size, mtime, sha256, state, reason, blob FROM log_files WHERE sha256 = ? LIMIT 1').get(sha256);
    return (row as ExistingFile | undefined) ?? null;
  }

  blobInUse(blob: string): boolean {
    return this.#prepared('SELECT 1 FROM log_files WHERE blob = ? LIMIT 1').get(blob) !== undefined;
  }

  /** Several files in one transaction: all of them are in the catalog afterwards, or none. */
  batch(work: () => void): void {
    this.#transaction(work);
  }

  /**
   * Merges the line index into one segment. An import of years of logs leaves it in dozens (one a batch), and a
   * phrase query reads every one of them: measured ten times faster once merged (test/bench/catalog.bench.ts). Costs
   * a fraction of the import that made the segments, so it runs after large imports only.
   */
  compact(): void {
    this.#db.exec(`INSERT INTO log_lines (log_lines) VALUES ('optimize')`);
  }

  /** Records a file Custode will not index, with the reason's code, so it is not fetched again unchanged. */
  refuse(meta: FileMeta, reason: string): void {
    this.#transaction(() => {
      const file = this.#upsertFile(meta, { blob: '', state: 'refused', reason, lineCount: 0, invalidUtf8: false, growing: false });
      if (file.known) this.#clear(file.id);
    });
  }

  /**
   * A file's runs and lines, under the same ids as before when it was indexed already. Its first `keptLines` lines
   * are left as they are (a file that grew: those bytes did not change), the rest is indexed anew.
   */
  index(file: IndexedFile, keptLines = 0): { fileId: number; runs: number; lines: number } {
    return this.#transaction(() => {
      const row = this.#upsertFile(file.meta, { blob: file.blob, state: 'indexed', reason: null, lineCount: 0, invalidUtf8: file.invalidUtf8, growing: file.growing });
      const fileId = row.id;
      if (row.known) this.#clear(fileId, keptLines);
      const lineText = this.#prepared('INSERT INTO log_line_text (id, text) VALUES (?, ?)');
      const lineFts = this.#prepared('INSERT INTO log_lines (rowid, text) VALUES (?, ?)');
      const base = fileId * LINE_ID_BASE;
      const lines = eachLine(file.text, keptLines + 1, (n, text) => {
        lineText.run(base + n, text);
        lineFts.run(base + n, text);
      });
      this.#prepared('UPDATE log_files SET line_count = ? WHERE id = ?').run(lines, fileId);
      file.runs.slice(0, RUNS_PER_FILE).forEach((run, index) => this.#insertRun(fileId, file, run, index, file.growing && index === file.runs.length - 1));
      return { fileId, runs: Math.min(file.runs.length, RUNS_PER_FILE), lines };
    });
  }

  #prepared(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  #transaction<T>(work: () => T): T {
    if (this.#db.isTransaction) return work();
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

  #upsertFile(meta: FileMeta, state: { blob: string; state: 'indexed' | 'refused'; reason: string | null; lineCount: number; invalidUtf8: boolean; growing: boolean }): { id: number; known: boolean } {
    const values = [meta.hostId, meta.source, meta.size, meta.mtime, meta.sha256, state.blob, state.state, state.reason, state.lineCount, state.invalidUtf8 ? 1 : 0, state.growing ? 1 : 0, meta.harvestedAt];
    // Not one INSERT … ON CONFLICT DO UPDATE … RETURNING: SQLite then scans log_runs for children of the row (file_id
    // has no index), so every file cost more than the one before. A plain INSERT, or an UPDATE that leaves the id
    // alone, checks nothing.
    const known = this.#prepared('SELECT id FROM log_files WHERE host_name = ? AND origin = ?').get(meta.hostName, meta.origin) as { id: number } | undefined;
    if (known !== undefined) {
      this.#prepared(
        `UPDATE log_files SET host_id = ?, source = ?, size = ?, mtime = ?, sha256 = ?, blob = ?, state = ?, reason = ?, line_count = ?, invalid_utf8 = ?,
           growing = ?, harvested_at = ? WHERE id = ?`,
      ).run(...values, known.id);
      return { id: known.id, known: true };
    }
    const inserted = this.#prepared(
      `INSERT INTO log_files (host_id, source, size, mtime, sha256, blob, state, reason, line_count, invalid_utf8, growing, harvested_at, host_name, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, meta.hostName, meta.origin);
    return { id: Number(inserted.lastInsertRowid), known: false };
  }

  /** Removes a file's runs (cascading to VMs, disks, findings) and its lines after `keptLines` from the index. */
  #clear(fileId: number, keptLines = 0): void {
    // By id range (run ids are file_id * RUNS_PER_FILE + index): the primary key, where file_id has no index.
    this.#prepared('DELETE FROM log_runs WHERE id BETWEEN ? AND ?').run(fileId * RUNS_PER_FILE, fileId * RUNS_PER_FILE + RUNS_PER_FILE - 1);
    const from = fileId * LINE_ID_BASE + keptLines + 1;
    const to = fileId * LINE_ID_BASE + LINE_ID_BASE - 1;
    this.#prepared(`INSERT INTO log_lines (log_lines, rowid, text) SELECT 'delete', id, text FROM log_line_text WHERE id BETWEEN ? AND ?`).run(from, to);
    this.#prepared('DELETE FROM log_line_text WHERE id BETWEEN ? AND ?').run(from, to);
  }

  #insertRun(fileId: number, file: IndexedFile, run: LogRun, index: number, growing: boolean): void {
    const id = fileId * RUNS_PER_FILE + index;
    const counts = vmCounts(run);
    // The lines are in the index already; the stored run drops the copy of the unrecognised ones.
    const stored = { ...run, unrecognized: [] };
    this.#prepared(
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
    const vm = this.#prepared('INSERT OR IGNORE INTO log_vms (run_id, name, outcome, reason, line, started_at, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const disk = this.#prepared('INSERT INTO log_disks (run_id, vm_name, source, destination, format, percent, error, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const finding = this.#prepared('INSERT INTO log_findings (run_id, vm_name, kind, text) VALUES (?, ?, ?, ?)');
    for (const v of run.vms) {
      vm.run(id, v.name, v.outcome, v.reason, v.line, v.startedAt, v.durationSeconds);
      for (const d of v.disks) disk.run(id, v.name, d.source, d.destination, d.format, d.lastPercent, d.error, d.errorCode);
      for (const w of v.warnings) finding.run(id, v.name, 'warning', w);
    }
    if (run.failure) finding.run(id, null, `failure.${run.failure.kind}`, run.failure.message);
    for (const e of run.emailErrors) finding.run(id, null, 'email', e);
  }
}
