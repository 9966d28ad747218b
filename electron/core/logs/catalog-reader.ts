import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { CatalogStatus, History, LinesPage, RunDetail, RunFilter, RunRow, RunVm, SearchResult } from '../../../shared/ipc/logs.ts';
import type { HistoryCell } from '../../../shared/model/log-catalog.ts';
import type { LogRun, VmOutcome } from '../ghettovcb/log/types.ts';
import { LINE_ID_BASE } from './catalog-writer.ts';
import { fold, snippet } from './highlight.ts';
import { LineSearch } from './line-search.ts';
import { RunTimeline, type TimelineRun } from './run-timeline.ts';
import { SearchScopes } from './search-scope.ts';
import { outcomeCell } from './run-summary.ts';
import { parseQuery } from './search-query.ts';

/** The catalog's read side: run lists, a run with its VMs, pages of lines, search and the per-VM history. */
const RUN_COLUMNS = `r.id, r.file_id AS fileId, r.host_id AS hostId, r.host_name AS hostName, r.started_at AS startedAt, r.ended_at AS endedAt,
  r.duration_s AS durationSeconds, r.status, r.final_status AS finalStatus, r.exit_code AS exitCode, r.dryrun, r.vms_ok AS vmsOk, r.vms_problem AS vmsProblem`;

type RawRun = Omit<RunRow, 'dryrun'> & { dryrun: number };
const toRow = (r: RawRun): RunRow => ({ ...r, dryrun: r.dryrun === 1 });

export { MARK_END, MARK_START } from './highlight.ts';

const ERROR_LINE = /\b(?:error|failed|fail|unable)\b/i;

export interface RunFilterValue {
  host?: string | undefined;
  vm?: string | undefined;
  status?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

function where(filter: RunFilterValue, extra: readonly string[] = []): { sql: string; params: (string | number)[] } {
  const parts: string[] = [...extra];
  const params: (string | number)[] = [];
  if (filter.host) {
    parts.push('(r.host_name = ? OR r.host_id = ? OR r.hostname = ? OR r.host_id IN (SELECT id FROM hosts WHERE address = ? OR name = ?))');
    params.push(filter.host, filter.host, filter.host, filter.host, filter.host);
  }
  if (filter.vm) {
    parts.push('r.id IN (SELECT run_id FROM log_vms WHERE name = ?)');
    params.push(filter.vm);
  }
  if (filter.status) {
    parts.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.since) {
    parts.push('r.started_at >= ?');
    params.push(filter.since);
  }
  if (filter.until) {
    parts.push('r.started_at < ?');
    params.push(`${filter.until} 99`);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export class CatalogReader {
  readonly #db: DatabaseSync;

  readonly #timeline: RunTimeline;
  readonly #lineSearch: LineSearch;
  readonly #scopes = new SearchScopes<RunFilterValue>((filter) => this.#accepts(filter));

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#timeline = new RunTimeline(db);
    this.#lineSearch = new LineSearch(db);
  }

  status(): CatalogStatus {
    const files = this.#db.prepare(`SELECT COUNT(*) AS n, SUM(state = 'refused') AS refused, SUM(line_count) AS lines, MAX(harvested_at) AS last FROM log_files`).get() as {
      n: number;
      refused: number | null;
      lines: number | null;
      last: number | null;
    };
    const runs = (this.#db.prepare('SELECT COUNT(*) AS n FROM log_runs').get() as { n: number }).n;
    const hosts = (this.#db.prepare('SELECT DISTINCT host_name AS h FROM log_runs ORDER BY h').all() as { h: string }[]).map((r) => r.h);
    return { runs, files: files.n, refused: files.refused ?? 0, lines: files.lines ?? 0, hosts, lastHarvestAt: files.last };
  }

  runs(filter: RunFilter & { limit: number }): RunRow[] {
    const w = where(filter);
    const rows = this.#db.prepare(`SELECT ${RUN_COLUMNS} FROM log_runs r ${w.sql} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`).all(...w.params, filter.limit) as RawRun[];
    return rows.map(toRow);
  }

  run(runId: number): RunDetail {
    const row = this.#db
      .prepare(`SELECT ${RUN_COLUMNS}, r.first_line AS firstLine, r.last_line AS lastLine, r.run_json AS json, f.line_count AS fileLines, f.origin, f.source,
        f.harvested_at AS harvestedAt, f.invalid_utf8 AS invalidUtf8 FROM log_runs r JOIN log_files f ON f.id = r.file_id WHERE r.id = ?`)
      .get(runId) as (RawRun & { firstLine: number; lastLine: number; json: string; fileLines: number; origin: string; source: RunDetail['source']; harvestedAt: number; invalidUtf8: number }) | undefined;
    if (row === undefined) throw new AppError('logs.runNotFound', `No run ${runId} in the catalog`, { runId });
    const { json, firstLine, lastLine, fileLines, origin, source, harvestedAt, invalidUtf8, ...run } = row;
    const parsed = JSON.parse(json) as LogRun;
    const vms: RunVm[] = parsed.vms.map((v) => ({
      name: v.name,
      outcome: v.outcome,
      reason: v.reason,
      line: v.line,
      durationSeconds: v.durationSeconds,
      diskErrors: v.disks.filter((d) => d.error !== null).map((d) => ({ source: d.source, error: d.error ?? '', code: d.errorCode })),
      warnings: v.warnings,
    }));
    return {
      run: toRow(run),
      firstLine,
      lastLine,
      fileLines,
      origin,
      source,
      harvestedAt,
      invalidUtf8: invalidUtf8 === 1,
      failure: parsed.failure,
      aborted: parsed.aborted,
      emailErrors: parsed.emailErrors,
      vms,
      firstErrorLine: this.#firstError(run.fileId, firstLine, lastLine),
    };
  }

  #firstError(fileId: number, from: number, to: number): number | null {
    const base = fileId * LINE_ID_BASE;
    const stmt = this.#db.prepare('SELECT id, text FROM log_line_text WHERE id BETWEEN ? AND ? ORDER BY id');
    for (const row of stmt.iterate(base + from, base + to) as Iterable<{ id: number; text: string }>) if (ERROR_LINE.test(row.text)) return row.id - base;
    return null;
  }

  lines(fileId: number, from: number, count: number): LinesPage {
    const base = fileId * LINE_ID_BASE;
    const rows = this.#db.prepare('SELECT id, text FROM log_line_text WHERE id BETWEEN ? AND ? ORDER BY id').all(base + from, base + from + count - 1) as { id: number; text: string }[];
    return { from, lines: rows.map((r) => r.text) };
  }

  find(fileId: number, text: string): number[] {
    const base = fileId * LINE_ID_BASE;
    const needle = text.toLowerCase();
    const out: number[] = [];
    const stmt = this.#db.prepare('SELECT id, text FROM log_line_text WHERE id BETWEEN ? AND ? ORDER BY id');
    for (const row of stmt.iterate(base + 1, base + LINE_ID_BASE - 1) as Iterable<{ id: number; text: string }>) if (row.text.toLowerCase().includes(needle)) out.push(row.id - base);
    return out;
  }

  /**
   * The newest `limit` lines that hold every term, grouped by run (newest run first, a run's lines in order), and
   * whether there are more. `total` counts the lines shown: counting every match of a common word would read the
   * whole index, and the UI and CLI only say that more exist.
   */
  search(query: string, limit: number): SearchResult {
    const q = parseQuery(query);
    const filter = { host: q.host ?? undefined, vm: q.vm ?? undefined, status: q.status ?? undefined };
    // With vm:NAME the lines must name the VM too: "vm:dc01 error" means the error lines about dc01.
    const terms = [...q.terms, ...(q.vm !== null && [...q.vm].length >= 3 ? [q.vm] : [])];
    if (terms.length === 0) {
      const runs = this.runs({ ...filter, limit });
      return { groups: runs.map((run) => ({ run, hits: [] })), total: 0, truncated: runs.length >= limit, ignored: q.ignored };
    }
    const timeline = this.#timeline.current();
    const { hits, truncated } = this.#lineSearch.newest(terms, timeline, this.#scopes.of(timeline, filter), limit);
    const groups = new Map<number, SearchResult['groups'][number]>();
    const folded = terms.map(fold);
    for (const hit of hits) {
      let group = groups.get(hit.run.id);
      if (group === undefined) groups.set(hit.run.id, (group = { run: hit.run.row, hits: [] }));
      group.hits.push({ line: hit.line, snippet: snippet(hit.text, folded) });
    }
    for (const g of groups.values()) g.hits.reverse();
    return { groups: [...groups.values()], total: hits.length, truncated, ignored: q.ignored };
  }

  /** The run filter of a search as a test on a timeline run (the same conditions as `where`); null: every run. */
  #accepts(filter: RunFilterValue): ((run: TimelineRun) => boolean) | null {
    const tests: ((run: TimelineRun) => boolean)[] = [];
    if (filter.host) {
      const host = filter.host;
      const ids = new Set((this.#db.prepare('SELECT id FROM hosts WHERE address = ? OR name = ?').all(host, host) as { id: string }[]).map((h) => h.id));
      tests.push((r) => r.hostName === host || r.hostId === host || r.hostname === host || (r.hostId !== null && ids.has(r.hostId)));
    }
    if (filter.vm) {
      const runIds = new Set((this.#db.prepare('SELECT run_id AS id FROM log_vms WHERE name = ?').all(filter.vm) as { id: number }[]).map((v) => v.id));
      tests.push((r) => runIds.has(r.id));
    }
    if (filter.status) {
      const status = filter.status;
      tests.push((r) => r.status === status);
    }
    return tests.length === 0 ? null : (run) => tests.every((t) => t(run));
  }

  /**
   * One row per (host, VM) ever seen, one cell per night up to `until`: the VM's outcome that night, `absent` when
   * the host ran without it, `none` when the host logged no run. A night is the run's start date on the host clock.
   */
  history(days: number, until: string, filter: { host?: string | undefined; vm?: string | undefined }): History {
    const end = Date.parse(`${until}T00:00:00Z`);
    const start = new Date(end - (days - 1) * 86400_000).toISOString().slice(0, 10);
    const runFilter = { host: filter.host, since: start, until };
    const w = where(runFilter, ['r.started_at IS NOT NULL', 'r.dryrun = 0']);
    const runs = this.#db.prepare(`SELECT r.id, r.host_name AS host, substr(r.started_at, 1, 10) AS day FROM log_runs r ${w.sql} ORDER BY r.started_at`).all(...w.params) as { id: number; host: string; day: string }[];
    const ranOn = new Map<string, Map<string, number>>();
    for (const r of runs) {
      const byDay = ranOn.get(r.host) ?? new Map<string, number>();
      byDay.set(r.day, r.id);
      ranOn.set(r.host, byDay);
    }
    const wv = where(runFilter, ['r.started_at IS NOT NULL', 'r.dryrun = 0', ...(filter.vm ? ['v.name = ?'] : [])]);
    const vmParams = filter.vm ? [filter.vm, ...wv.params] : wv.params;
    const vmRows = this.#db
      .prepare(`SELECT r.host_name AS host, v.name, v.outcome, substr(r.started_at, 1, 10) AS day, r.id FROM log_vms v JOIN log_runs r ON r.id = v.run_id ${wv.sql} ORDER BY r.started_at`)
      .all(...vmParams) as { host: string; name: string; outcome: VmOutcome; day: string; id: number }[];
    const index = (day: string): number => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86400_000);
    const rows = new Map<string, History['rows'][number]>();
    const known = this.#db.prepare(`SELECT DISTINCT r.host_name AS host, v.name FROM log_vms v JOIN log_runs r ON r.id = v.run_id ${filter.vm ? 'WHERE v.name = ?' : ''} ORDER BY host, v.name`).all(...(filter.vm ? [filter.vm] : [])) as { host: string; name: string }[];
    const hostsInWindow = new Set([...ranOn.keys(), ...vmRows.map((v) => v.host)]);
    for (const k of known) {
      if (filter.host && !hostsInWindow.has(k.host)) continue;
      const cells: HistoryCell[] = [];
      const runIds: number[] = [];
      for (let i = 0; i < days; i++) {
        const day = new Date(Date.parse(`${start}T00:00:00Z`) + i * 86400_000).toISOString().slice(0, 10);
        const ran = ranOn.get(k.host)?.get(day);
        cells.push(ran === undefined ? 'none' : 'absent');
        runIds.push(ran ?? 0);
      }
      rows.set(`${k.host}\u0000${k.name}`, { hostName: k.host, vm: k.name, cells, runIds });
    }
    for (const v of vmRows) {
      const row = rows.get(`${v.host}\u0000${v.name}`);
      const i = index(v.day);
      if (row === undefined || i < 0 || i >= days) continue;
      row.cells[i] = outcomeCell(v.outcome);
      row.runIds[i] = v.id;
    }
    return { until, days, rows: [...rows.values()] };
  }
}
