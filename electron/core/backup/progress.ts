import type { RunVmOutcome, VmProgress } from '../../../shared/model/backup.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';

/**
 * Where each VM of a running backup is, read from what the log said so far: a VM not in the log yet is waiting;
 * the last VM without a result is in its snapshot, a disk clone (N of the disks seen, with the last `Clone: N%`), or
 * the snapshot removal; a VM with its result line is done, skipped or failed. ghettoVCB appends a disk's vmkfstools
 * output to the log only once it is copied, so a copy going on is known from `copying`: its percent, read from
 * ghettoVCB's work dir, for the disk after the ones the log holds.
 */
const DONE = new Set(['ok', 'warn_independent_disks']);
const SKIPPED = new Set(['skipped_has_snapshot', 'not_found', 'excluded']);

const stateOf = (outcome: string): VmProgress['state'] => (DONE.has(outcome) ? 'done' : SKIPPED.has(outcome) ? 'skipped' : outcome === 'cancelled' ? 'cancelled' : 'failed');

export function vmProgress(run: LogRun | null, requested: readonly string[], copying: number | null = null): VmProgress[] {
  const seen = run?.vms ?? [];
  const out: VmProgress[] = seen.map((vm, i) => {
    const last = vm.disks[vm.disks.length - 1];
    if (vm.outcome !== 'unknown') {
      return { vm: vm.name, state: stateOf(vm.outcome), disk: vm.disks.length || null, percent: last?.lastPercent ?? null, outcome: vm.outcome };
    }
    if (vm.snapshotRemoved) return { vm: vm.name, state: 'removingSnapshot', disk: vm.disks.length, percent: last?.lastPercent ?? null, outcome: null };
    if (copying !== null && i === seen.length - 1) return { vm: vm.name, state: 'cloning', disk: vm.disks.length + 1, percent: copying, outcome: null };
    if (last !== undefined) return { vm: vm.name, state: 'cloning', disk: vm.disks.length, percent: last.lastPercent, outcome: null };
    return { vm: vm.name, state: 'snapshot', disk: null, percent: null, outcome: null };
  });
  for (const name of requested) if (!seen.some((v) => v.name === name)) out.push({ vm: name, state: 'waiting', disk: null, percent: null, outcome: null });
  return out;
}

/** The states a VM of a run does not leave. */
export const FINISHED: ReadonlySet<VmProgress['state']> = new Set(['done', 'skipped', 'failed', 'cancelled']);

/**
 * An ended run's VMs as its outcomes tell them. A share that filled up cut the log in the middle of a copy, so the log
 * alone leaves that VM copying (and the next ones waiting) after the run is over: each VM not finished takes the
 * outcome the run's end gave it (`unknown` reads as failed: no good copy is known); one the outcomes do not name was
 * never begun (skipped) or was left open (failed); a VM only the outcomes name is added.
 */
export function settledProgress(vms: readonly VmProgress[], outcomes: readonly RunVmOutcome[]): VmProgress[] {
  const ended = new Map(outcomes.map((o) => [o.vm, o.outcome]));
  const out = vms.map((v): VmProgress => {
    if (FINISHED.has(v.state)) return v;
    const outcome = ended.get(v.vm);
    if (outcome !== undefined) return { ...v, state: stateOf(outcome), outcome };
    return { ...v, state: v.state === 'waiting' ? 'skipped' : 'failed', outcome: null };
  });
  // A run of all VMs knows its VMs from the log alone, so those the cut log never named come from the outcomes.
  for (const o of outcomes) if (!vms.some((v) => v.vm === o.vm)) out.push({ vm: o.vm, state: stateOf(o.outcome), disk: null, percent: null, outcome: o.outcome });
  return out;
}

/**
 * A cancelled run's VMs as they were left: each not finished is `cancelled`, the one whose copy was cut off (or whose
 * snapshot was being taken) with outcome `cancelled` and the percent it reached, those never begun with none; no time
 * is left for any.
 */
export function asCancelled<T extends VmProgress & { etaMs?: number | null }>(vms: readonly T[]): T[] {
  return vms.map((v) => (FINISHED.has(v.state) ? v : { ...v, state: 'cancelled', outcome: v.state === 'waiting' ? null : 'cancelled', ...('etaMs' in v ? { etaMs: null } : {}) }));
}
