import type { VmProgress } from '../../../shared/model/backup.ts';
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

export function vmProgress(run: LogRun | null, requested: readonly string[], copying: number | null = null): VmProgress[] {
  const seen = run?.vms ?? [];
  const out: VmProgress[] = seen.map((vm, i) => {
    const last = vm.disks[vm.disks.length - 1];
    if (vm.outcome !== 'unknown') {
      return { vm: vm.name, state: DONE.has(vm.outcome) ? 'done' : SKIPPED.has(vm.outcome) ? 'skipped' : 'failed', disk: vm.disks.length || null, percent: last?.lastPercent ?? null, outcome: vm.outcome };
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
 * A cancelled run's VMs as they were left: each not finished is `cancelled`, the one whose copy was cut off (or whose
 * snapshot was being taken) with outcome `cancelled` and the percent it reached, those never begun with none; no time
 * is left for any.
 */
export function asCancelled<T extends VmProgress & { etaMs?: number | null }>(vms: readonly T[]): T[] {
  return vms.map((v) => (FINISHED.has(v.state) ? v : { ...v, state: 'cancelled', outcome: v.state === 'waiting' ? null : 'cancelled', ...('etaMs' in v ? { etaMs: null } : {}) }));
}
