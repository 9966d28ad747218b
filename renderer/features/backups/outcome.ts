import type { BadgeTone } from '../../components/badge-tone.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';
import type { BackupRun, VmProgress } from '../../../shared/model/backup.ts';
import { VM_OUTCOMES, type VmOutcome } from '../../../shared/model/vm-outcome.ts';
import { outcomeTone } from '../logs/labels.ts';

/** A VM outcome the log parser names, or `unknown` for anything else a run record holds. */
export function knownOutcome(outcome: string): VmOutcome {
  return (VM_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as VmOutcome) : 'unknown';
}

export const vmOutcomeTone = (outcome: string): BadgeTone => outcomeTone(knownOutcome(outcome));

/** How a run ended, as one word and a tone: its state, and for an ended run whether ghettoVCB said all was well. */
export function runEnd(run: BackupRun): { key: string; tone: BadgeTone } {
  if (run.state === 'running' || run.state === 'starting') return { key: `cli.backup.state.${run.state}`, tone: 'info' };
  if (run.state !== 'ended') return { key: `cli.backup.state.${run.state}`, tone: run.state === 'cancelled' ? 'warning' : 'danger' };
  if (run.dryRun) return { key: 'backups.ui.end.dryRun', tone: 'info' };
  const bad = run.outcomes.some((o) => vmOutcomeTone(o.outcome) === 'danger');
  const warn = run.outcomes.some((o) => vmOutcomeTone(o.outcome) === 'warning');
  if (run.exitCode !== 0 || bad) return { key: 'backups.ui.end.failed', tone: 'danger' };
  return warn ? { key: 'backups.ui.end.warn', tone: 'warning' } : { key: 'backups.ui.end.ok', tone: 'success' };
}

/** A cancel has cut the run off: its bars are cancelled (whatever still follows it, the copies will not go on). */
export const cutOff = (vms: readonly VmProgress[]): boolean => vms.some((v) => v.state === 'cancelled');

/**
 * The word over a followed run's bars: going; cancelling once a cancel (from this window or another process) has cut
 * the bars off and its record is not in yet; then how the run ended, or why following it stopped.
 */
export function liveBadge(live: { done: JobDone | null; vms: readonly VmProgress[] }, result: BackupRun | null): { key: string; tone: BadgeTone } {
  if (live.done === null) return cutOff(live.vms) ? { key: 'backups.ui.run.cancelling', tone: 'warning' } : { key: 'backups.ui.run.going', tone: 'info' };
  if (result !== null) return runEnd(result);
  return { key: `backups.ui.run.job.${live.done.state}`, tone: live.done.state === 'succeeded' ? 'neutral' : 'danger' };
}
