import { explainRun } from '../../core/ghettovcb/log/explain.ts';
import type { LogRun } from '../../core/ghettovcb/log/types.ts';
import { text, type Lang } from '../../core/ghettovcb/text.ts';
import { printable } from '../printable.ts';

/** What `log parse` and `log explain` print: a run summary, JSON (one document or a run per line), an explanation. */
export type RunPrintMode = 'summary' | 'json' | 'jsonl' | 'explain';

/**
 * How runs are printed: `print` gives the text of a run from its 0-based index among the runs printed;
 * `open`/`close` wrap the whole output, `empty` stands for it when no run was printed. `split`, when the index only
 * decides a lead before the run's own text (`print(run, i)` is `lead(i) + body(run)`): a run can then be printed
 * before the runs ahead of it are counted, as pieces of a big log parsed side by side are (log-parallel.ts).
 */
export interface RunPrinter {
  print(run: LogRun, index: number): string;
  split?: { lead(index: number): string; body(run: LogRun): string };
  open?: string;
  close?: string;
  empty: string;
}

/** A printer whose text is a lead by index and a body by run. */
function splitPrinter(lead: (index: number) => string, body: (run: LogRun) => string, frame: Omit<RunPrinter, 'print' | 'split'>): RunPrinter {
  return { print: (run, index) => lead(index) + body(run), split: { lead, body }, ...frame };
}

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function summaryBody(run: LogRun): string {
  const status = run.finalStatus ?? (run.failure ? run.failure.message : run.aborted ? '(no final status: aborted)' : '(in progress)');
  let out = `${run.startedAt ?? '?'} → ${run.endedAt ?? '?'}  exit ${run.exitCode ?? '?'}${run.dryrun ? '  dryrun' : ''}  ${status}\n`;
  for (const vm of run.vms) {
    const percent = vm.disks.some((d) => d.error !== null || (d.lastPercent !== null && d.lastPercent < 100))
      ? `  disks ${vm.disks.map((d) => `${d.lastPercent ?? '?'}%`).join(',')}`
      : '';
    out += `${`  ${vm.outcome.padEnd(24)} ${vm.name}  ${duration(vm.durationSeconds)}${percent}`.trimEnd()}\n`;
  }
  return out;
}

function explained(run: LogRun, index: number, lang: Lang): string {
  const e = explainRun(run, index, lang);
  // Names, reasons and statuses are the log's own text: printable, so they cannot drive the terminal.
  const lines = [printable(e.title), printable(e.status), ...e.notes.map((n) => `! ${printable(n)}`)];
  if (e.vms.length === 0) lines.push(text(lang, 'ghettovcb.explain.noVms'));
  for (const vm of e.vms) {
    lines.push('', `• ${printable(vm.name)}: ${vm.label}`);
    // For a disk failure the reason is the disk error, printed with its hint just below.
    if (vm.reason && vm.diskErrors.length === 0) lines.push(`  ${text(lang, 'ghettovcb.explain.reason')}: ${printable(vm.reason)}`);
    for (const d of vm.diskErrors) lines.push(`  ${printable(d)}`);
    if (vm.outcome !== 'ok') lines.push(`  ${text(lang, 'ghettovcb.explain.why')}: ${vm.explanation}`, `  ${text(lang, 'ghettovcb.explain.fix')}: ${vm.fix}`);
  }
  return `${lines.join('\n')}\n`;
}

export function runPrinter(mode: RunPrintMode, lang: Lang): RunPrinter {
  const noRuns = `${text(lang, 'ghettovcb.explain.noRuns')}\n`;
  switch (mode) {
    // `--json` is one document `{"runs":[…]}` streamed a run per line; `--jsonl` is one run per line.
    case 'json':
      return splitPrinter((i) => (i === 0 ? '\n' : ',\n'), (run) => JSON.stringify(run), { open: '{"runs":[', close: '\n]}\n', empty: '' });
    case 'jsonl':
      return splitPrinter(() => '', (run) => `${JSON.stringify(run)}\n`, { empty: '' });
    case 'summary':
      return splitPrinter((i) => `run ${i + 1}: `, summaryBody, { empty: noRuns });
    case 'explain':
      return { print: (run, i) => `${i === 0 ? '' : '\n'}${explained(run, i, lang)}`, empty: noRuns };
  }
}
