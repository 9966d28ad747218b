import type { VmProgress } from '../../../shared/model/backup.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';

/**
 * Where each VM of a running backup is, read from what the log said so far: a VM not in the log yet is waiting;
 * the last VM without a result is in its snapshot, a disk clone (N of the disks seen, with the last `Clone: N%`), or
 * the snapshot removal; a VM with its result line is done, skipped or failed. vmkfstools ends its `\r`-joined
 * progress line only when the disk is copied, so the percent of the clone going on comes from `live` (the parser's
 * read of the unfinished line).
 */
const DONE = new Set(['ok', 'warn_independent_disks']);
const SKIPPED = new Set(['skipped_has_snapshot', 'not_found', 'excluded']);

export function vmProgress(run: LogRun | null, requested: readonly string[], live: { vm: string | null; percent: number | null } | null = null): VmProgress[] {
  const seen = run?.vms ?? [];
  const out: VmProgress[] = seen.map((vm) => {
    const last = vm.disks[vm.disks.length - 1];
    if (vm.outcome !== 'unknown') {
      return { vm: vm.name, state: DONE.has(vm.outcome) ? 'done' : SKIPPED.has(vm.outcome) ? 'skipped' : 'failed', disk: vm.disks.length || null, percent: last?.lastPercent ?? null, outcome: vm.outcome };
    }
    if (vm.snapshotRemoved) return { vm: vm.name, state: 'removingSnapshot', disk: vm.disks.length, percent: last?.lastPercent ?? null, outcome: null };
    if (last !== undefined) return { vm: vm.name, state: 'cloning', disk: vm.disks.length, percent: (live?.vm === vm.name ? live.percent : null) ?? last.lastPercent, outcome: null };
    return { vm: vm.name, state: 'snapshot', disk: null, percent: null, outcome: null };
  });
  for (const name of requested) if (!seen.some((v) => v.name === name)) out.push({ vm: name, state: 'waiting', disk: null, percent: null, outcome: null });
  return out;
}
