import type { OperationPlan, PlanStep } from '../../../shared/model/operation.ts';
import { DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { snapshotGetCommand } from '../esxi/snapshot-tree.ts';
import { check, hostTarget, shellAction, step, targetText, words } from '../operations/plan-steps.ts';
import { cmd, joinPath, sh, seq } from '../shell/command.ts';
import {
  goneCommand,
  lockReleasedCommand,
  MARKER,
  markCommand,
  noMarkerCommand,
  partialFoldersCommand,
  partialMarkText,
  releaseLockCommand,
  sameRunCommand,
  snapshotThereCommand,
  stopCommand,
  unchangedCommand,
  type PartialFolder,
  type ProcessNode,
} from './cancel-reads.ts';

/** One snapshot the run made, to be removed by its id. */
export interface RunSnapshot {
  vm: string;
  vmid: string;
  id: number;
  name: string;
  createdOn: string;
}

/** The run as read on the host when the cancel was planned. */
export interface CancelTarget {
  /** ghettoVCB's pid, from its lock. */
  pid: number;
  /** Its descendants at that moment (vmkfstools, `tail -f`…), shown in the plan; the stop reads them again. */
  children: ProcessNode[];
  /** When it took the lock, host clock (epoch seconds). */
  since: number;
  /** The VMs whose snapshots were read, and what `snapshot.get` printed for them, in that order. */
  vmids: string[];
  snapshotsText: string;
  snapshots: RunSnapshot[];
  /** null: the backup volume is not known, so no copy folder can be reported. */
  volume: string | null;
  partialText: string;
  partial: PartialFolder[];
}

/**
 * "Cancel the backup going on" as a plan to review. The stop runs only while the host is still as it was read for
 * this plan (same ghettoVCB process in the lock, same snapshots, same unfinished copy folders): if the run moved on
 * in between (the next VM began), the cancel is refused and planned again, so it never removes a snapshot or marks
 * a folder it did not show. Nothing of it can be undone: a stopped copy cannot be resumed.
 */
export function planCancel(host: { id: string; name: string; address: string }, t: CancelTarget, id: string, now: number): OperationPlan {
  const target = hostTarget(host);
  const checks = [
    check('backup.cancel.check.sameRun', { pid: t.pid, workdir: DEFAULT_WORKDIR }, shellAction(sameRunCommand(t.pid))),
    check('backup.cancel.check.snapshotsUnchanged', { vms: t.vmids.length }, shellAction(unchangedCommand(seq(...t.vmids.map((v) => snapshotGetCommand(v))), t.snapshotsText))),
  ];
  if (t.volume !== null) checks.push(check('backup.cancel.check.foldersUnchanged', { volume: t.volume }, shellAction(unchangedCommand(partialFoldersCommand(t.volume, t.since), t.partialText))));
  const children = t.children.map((c) => `${c.pid} ${c.command}`).join('; ');
  const steps: PlanStep[] = [
    step({
      id: 'stop',
      target,
      words: children === '' ? words('backup.cancel.step.stopAlone', { pid: t.pid }) : words('backup.cancel.step.stop', { pid: t.pid, children }),
      actions: [shellAction(stopCommand(t.pid))],
      checks,
      effect: check('backup.cancel.check.stopped', { pid: t.pid }, shellAction(goneCommand(t.pid))),
      undo: null,
    }),
    step({
      id: 'release-lock',
      target,
      words: words('backup.cancel.step.releaseLock', { workdir: DEFAULT_WORKDIR, pid: t.pid }),
      actions: [shellAction(releaseLockCommand(t.pid))],
      effect: check('backup.cancel.check.lockReleased', { workdir: DEFAULT_WORKDIR, pid: t.pid }, shellAction(lockReleasedCommand(t.pid))),
      undo: null,
    }),
  ];
  for (const s of t.snapshots) {
    const params = { vm: s.vm, name: s.name, id: s.id, created: s.createdOn };
    const there = snapshotThereCommand(snapshotGetCommand(s.vmid), s.name, s.id);
    steps.push(
      step({
        id: `snapshot-${s.vmid}-${s.id}`,
        target,
        words: words('backup.cancel.step.removeSnapshot', params),
        actions: [shellAction(cmd('vim-cmd', 'vmsvc/snapshot.remove', s.vmid, s.id))],
        checks: [check('backup.cancel.check.snapshotThere', params, shellAction(there))],
        effect: check('backup.cancel.check.snapshotGone', params, shellAction(sh`! { ${there}; }`)),
        undo: null,
      }),
    );
  }
  for (const f of t.partial) {
    const params = { vm: f.vm, folder: f.path, marker: joinPath(f.path, MARKER) };
    steps.push(
      step({
        id: `mark-${steps.length}`,
        target,
        words: words('backup.cancel.step.markPartial', params),
        actions: [shellAction(markCommand(f.path, partialMarkText(f.vm)))],
        checks: [check('backup.cancel.check.noMarker', params, shellAction(noMarkerCommand(f.path)))],
        effect: check('backup.cancel.check.marked', params, shellAction(cmd('test', '-f', params.marker))),
        undo: null,
      }),
    );
  }
  return { id, kind: 'backup.cancel', title: words('backup.cancel.title', { host: host.name }), about: targetText(target), createdAt: now, risk: 'medium', steps, undoOf: null };
}
