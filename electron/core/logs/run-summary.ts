import type { HistoryCell, RunStatus } from '../../../shared/model/log-catalog.ts';
import type { LogRun, VmOutcome } from '../ghettovcb/log/types.ts';

/** A run's status in one word, its VM counts, and what one VM's outcome looks like in the history strip. */
export function runStatus(run: LogRun, stillGrowing: boolean): RunStatus {
  if (run.failure !== null) return 'error';
  if (run.finalStatus === null) return stillGrowing ? 'running' : 'aborted';
  if (run.dryrun) return 'dryrun';
  if (run.exitCode === 0) return 'ok';
  return run.exitCode === 3 ? 'warn' : 'error';
}

const OK: ReadonlySet<VmOutcome> = new Set(['ok']);
const NOT_COUNTED: ReadonlySet<VmOutcome> = new Set(['excluded']);

export function vmCounts(run: LogRun): { ok: number; problem: number } {
  let ok = 0;
  let problem = 0;
  for (const vm of run.vms) {
    if (OK.has(vm.outcome)) ok++;
    else if (!NOT_COUNTED.has(vm.outcome)) problem++;
  }
  return { ok, problem };
}

export function outcomeCell(outcome: VmOutcome): HistoryCell {
  switch (outcome) {
    case 'ok':
      return 'ok';
    case 'warn_independent_disks':
      return 'warn';
    case 'skipped_has_snapshot':
    case 'excluded':
      return 'skipped';
    default:
      return 'error';
  }
}

/** A run counts as a ghettoVCB run when at least one line said something only ghettoVCB says. */
export function isGhettoVcbRun(run: LogRun): boolean {
  return run.logStart || run.vms.length > 0 || run.finalStatus !== null || run.failure !== null || run.scriptVersion !== null;
}

/** Seconds between two host timestamps (`YYYY-MM-DD HH:MM:SS`), null when either is missing. */
export function secondsBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const a = Date.parse(`${start.replace(' ', 'T')}Z`);
  const b = Date.parse(`${end.replace(' ', 'T')}Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, Math.round((b - a) / 1000)) : null;
}
