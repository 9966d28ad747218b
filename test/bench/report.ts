import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One figure of a benchmark. A row that compares against a baseline names it and gives the ratio
 * (value / baseline value, both measured in the same run), so two runs on different machines compare.
 */
export interface BenchRow {
  /** What was measured, e.g. "many short runs: custode log parse". */
  label: string;
  value: number;
  unit: string;
  /** The label of the baseline row this one is compared with, when it is compared. */
  baseline?: string;
  ratio?: number;
  /** The target in words, e.g. "≤ 10× grep", shown beside the figure. */
  goal?: string;
  /** Whether the figure meets its goal, when there is one. */
  met?: boolean;
}

export interface BenchReport {
  name: string;
  /** Facts about the input and the machine that a reader needs to judge the figures. */
  context: Record<string, string | number>;
  rows: BenchRow[];
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Samples after warm-up: the median and p95 of what `measure` returned. */
export function summarize(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Runs `once` `warmup` times unmeasured, then `samples` times, and returns what each measured run returned. */
export async function sample(once: () => Promise<number> | number, samples: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push(await once());
  return out;
}

function formatValue(row: BenchRow): string {
  const v = Math.abs(row.value) >= 100 ? row.value.toFixed(0) : Math.abs(row.value) >= 10 ? row.value.toFixed(1) : row.value.toFixed(2);
  return `${v} ${row.unit}`;
}

/**
 * Writes the report to `test-results/bench/<name>.json` and returns it as one aligned table, a line each,
 * for `npm run bench` to print.
 */
export function publish(report: BenchReport): string[] {
  const dir = join(repo, 'test-results/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${report.name}.json`),
    `${JSON.stringify({ ...report, recordedAt: new Date().toISOString(), node: process.versions.node }, null, 2)}\n`,
  );
  const head = ['measure', 'value', 'vs baseline', 'goal'];
  const body = report.rows.map((r) => [
    r.label,
    formatValue(r),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(r.ratio < 10 ? 2 : 1)}× ${r.baseline ?? ''}`.trim(),
    r.goal === undefined ? '' : `${r.goal}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const context = Object.entries(report.context).map(([k, v]) => `${k}: ${v}`);
  return [...context, line(head), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)];
}
