import { randomUUID } from 'node:crypto';
import type { OperationPlan, PlanStep, StepTarget } from '../../../shared/model/operation.ts';
import type { RestoreCleanup } from '../../../shared/model/restore.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import type { OperationService } from '../operations/operation-service.ts';
import { shellAction, step, targetText, words } from '../operations/plan-steps.ts';
import { cmd, seq, sh } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

/** The cleanup gets its own time: the restore's signal is already aborted when it was cancelled. */
const CLEANUP_TIMEOUT_MS = 120_000;

export interface CleanupInput {
  target: StepTarget & { kind: 'host' };
  datastore: string;
  /** The restored VM's .vmx inside its datastore (`name/name.vmx`), as getallvms prints it. */
  vmxInDatastore: string;
  /** Files the restore's steps that ran (or may have) made. */
  files: string[];
  /** The VM folder, when the restore made it: removed last, and only when empty. */
  folder: string | null;
  reason: string;
}

/** Which of `paths` exist on the host, in one command. */
async function existing(ssh: SshService, hostId: string, paths: readonly string[], signal: AbortSignal): Promise<string[]> {
  if (paths.length === 0) return [];
  const probe = seq(...paths.map((p, i) => sh`if ${cmd('test', '-e', p)}; then echo ${`e${i}`}; fi`));
  const result = await ssh.run(hostId, probe, { signal, timeoutMs: CLEANUP_TIMEOUT_MS });
  const found = new Set(result.stdout.split('\n').map((l) => l.trim()));
  return paths.filter((_, i) => found.has(`e${i}`));
}

/**
 * Removes what a failed or cancelled restore made, and nothing else: it unregisters the VM if the restore's .vmx got
 * registered, removes the files its steps named, then the folder it made (`rmdir`: only if empty). The removal is an
 * audited operation of its own. What cannot be removed (the host dropped, a file someone else put in the folder) is
 * listed, never guessed at.
 */
export async function cleanUpRestore(deps: { ssh: SshService; operations: OperationService }, input: CleanupInput): Promise<RestoreCleanup> {
  const { ssh, operations } = deps;
  const { target } = input;
  const all = [...input.files, ...(input.folder ? [input.folder] : [])];
  const signal = AbortSignal.timeout(CLEANUP_TIMEOUT_MS);
  let unregistered: string | null = null;
  try {
    const inventory = parseGetAllVms((await ssh.run(target.hostId, getAllVmsCommand(), { signal, timeoutMs: CLEANUP_TIMEOUT_MS })).stdout);
    const registered = inventory.vms.find((v) => v.datastore === input.datastore && v.vmxPath === input.vmxInDatastore);
    const before = await existing(ssh, target.hostId, all, signal);
    const files = input.files.filter((f) => before.includes(f));
    const steps: PlanStep[] = [];
    if (registered) {
      unregistered = registered.vmid;
      steps.push(step({ id: 'unregister', target, words: words('restore.cleanup.step.unregister', { vmid: registered.vmid, name: registered.name }), actions: [shellAction(cmd('vim-cmd', 'vmsvc/unregister', registered.vmid))], undo: null }));
    }
    if (files.length > 0) steps.push(step({ id: 'remove', target, words: words('restore.run.step.remove', { paths: files.join(', ') }), actions: [shellAction(cmd('rm', '-f', ...files))], undo: null }));
    if (input.folder !== null && before.includes(input.folder)) {
      steps.push(step({ id: 'rmdir', target, words: words('restore.run.step.rmdir', { folder: input.folder }), actions: [shellAction(cmd('rmdir', input.folder))], undo: null }));
    }
    if (steps.length > 0) {
      const plan: OperationPlan = { id: randomUUID(), kind: 'restore.cleanup', title: words('restore.cleanup.title', { host: target.name }), about: targetText(target), createdAt: Date.now(), risk: 'low', steps, undoOf: null };
      await operations.runNow(plan, input.reason, { signal });
    }
    const left = await existing(ssh, target.hostId, all, signal);
    if (unregistered !== null) {
      const again = parseGetAllVms((await ssh.run(target.hostId, getAllVmsCommand(), { signal, timeoutMs: CLEANUP_TIMEOUT_MS })).stdout);
      if (again.vms.some((v) => v.vmid === unregistered)) unregistered = null;
    }
    return { unregistered, removed: before.filter((p) => !left.includes(p)), notRemoved: left };
  } catch {
    // The host cannot be reached (or stopped answering): nothing more is known to be gone.
    return { unregistered, removed: [], notRemoved: all };
  }
}
