import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep, StepTarget } from '../../../shared/model/operation.ts';
import { flattenSnapshots, parseSnapshotTree, snapshotGetCommand } from '../esxi/snapshot-tree.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import { check, shellAction, step, words } from '../operations/plan-steps.ts';
import { cmd, sh } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { snapshotThereCommand } from './cancel-reads.ts';

/**
 * "Consolidate snapshots first": before a run, remove the snapshots the user picked, one by one by id, so that
 * ghettoVCB backs their VM up instead of skipping it. Only a snapshot the user named (VM and id) is ever removed,
 * and only while it is still there with the name it had when the plan was made; each removal is a dangerous step
 * that needs its own second confirmation naming it (`<VM>:<id>`).
 */
export interface SnapshotPick {
  vm: string;
  snapshotId: number;
}

/** A picked snapshot, as read on the host when the run was planned. */
export interface Consolidation {
  vm: string;
  vmid: string;
  id: number;
  name: string;
  createdOn: string;
}

/** What the user confirms for one removal: the VM and the snapshot id, as they picked it. */
export const consolidationObject = (c: { vm: string; id: number }): string => `${c.vm}:${c.id}`;

/** `VM:ID` from the command line; a VM name may hold `:`, so the id is after the last one. */
export function parsePick(text: string): SnapshotPick | null {
  const at = text.lastIndexOf(':');
  const id = text.slice(at + 1);
  if (at <= 0 || !/^\d+$/.test(id)) return null;
  return { vm: text.slice(0, at), snapshotId: Number(id) };
}

const READ_TIMEOUT_MS = 30_000;

/** A VM's snapshots as the host shows them now, with their ids (those without an id, ESXi ≤ 5.0, cannot be picked). */
export async function vmSnapshots(ssh: SshService, hostId: string, host: string, facts: EsxiFacts, vmName: string, signal: AbortSignal): Promise<{ id: number; name: string; createdOn: string }[]> {
  const vm = facts.vms.find((v) => v.inventory.name === vmName);
  if (vm === undefined) throw new AppError('backup.unknownVm', `${host} has no VM named ${vmName}`, { host, vm: vmName });
  const out = (await ssh.run(hostId, snapshotGetCommand(vm.inventory.vmid), { signal, timeoutMs: READ_TIMEOUT_MS })).stdout;
  return flattenSnapshots(parseSnapshotTree(out).roots).flatMap((n) => (n.id === null ? [] : [{ id: n.id, name: n.name, createdOn: n.createdOn }]));
}

/** Reads each picked VM's snapshots and finds each pick there; an unknown VM or id is refused before anything runs. */
export async function readConsolidations(ssh: SshService, hostId: string, host: string, facts: EsxiFacts, picks: readonly SnapshotPick[], signal: AbortSignal): Promise<Consolidation[]> {
  const out: Consolidation[] = [];
  const trees = new Map<string, ReturnType<typeof flattenSnapshots>>();
  for (const pick of picks) {
    const vm = facts.vms.find((v) => v.inventory.name === pick.vm);
    if (vm === undefined) throw new AppError('backup.unknownVm', `${host} has no VM named ${pick.vm}`, { host, vm: pick.vm });
    const vmid = vm.inventory.vmid;
    if (!trees.has(vmid)) trees.set(vmid, flattenSnapshots(parseSnapshotTree((await ssh.run(hostId, snapshotGetCommand(vmid), { signal, timeoutMs: READ_TIMEOUT_MS })).stdout).roots));
    const node = trees.get(vmid)!.find((n) => n.id === pick.snapshotId);
    if (node === undefined) throw new AppError('backup.consolidateUnknown', `${pick.vm} on ${host} has no snapshot with id ${pick.snapshotId}; nothing was started. Read its snapshots again and pick one of them`, { host, vm: pick.vm, id: pick.snapshotId });
    if (!out.some((c) => c.vmid === vmid && c.id === node.id)) out.push({ vm: pick.vm, vmid, id: pick.snapshotId, name: node.name, createdOn: node.createdOn });
  }
  return out;
}

/** One step per picked snapshot: removed by its id while it is still there by that name and id; cannot be undone. */
export function consolidationSteps(target: StepTarget, list: readonly Consolidation[]): PlanStep[] {
  return list.map((c) => {
    const params = { vm: c.vm, name: c.name, id: c.id, created: c.createdOn };
    const there = snapshotThereCommand(snapshotGetCommand(c.vmid), c.name, c.id);
    return step({
      id: `consolidate-${c.vmid}-${c.id}`,
      target,
      words: words('backup.consolidate.step', params),
      actions: [shellAction(cmd('vim-cmd', 'vmsvc/snapshot.remove', c.vmid, c.id))],
      checks: [check('backup.consolidate.check.there', params, shellAction(there))],
      effect: check('backup.consolidate.check.gone', params, shellAction(sh`! { ${there}; }`)),
      danger: { object: consolidationObject(c), words: words('backup.consolidate.danger', params) },
      undo: null,
    });
  });
}

/** The second confirmation: every removal named by the user, else nothing runs. */
export function requireConfirmed(steps: readonly PlanStep[], confirm: readonly string[]): void {
  const missing = steps.flatMap((s) => (s.danger !== null && !confirm.includes(s.danger.object) ? [s.danger.object] : []));
  if (missing.length > 0) throw new AppError('operations.confirmationRequired', `Confirm "${missing[0]}" by name to run this step`, { object: missing[0]! });
}
