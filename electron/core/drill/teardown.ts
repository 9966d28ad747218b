import { randomUUID } from 'node:crypto';
import type { OperationPlan, PlanStep, StepTarget } from '../../../shared/model/operation.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import { parsePowerState, powerStateCommand } from '../esxi/power-state.ts';
import type { OperationService } from '../operations/operation-service.ts';
import { check, shellAction, step, targetText, words } from '../operations/plan-steps.ts';
import { cmd, sh } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

/** The teardown gets its own time: a cancelled drill's signal is already aborted. */
const TEARDOWN_TIMEOUT_MS = 180_000;

export interface TeardownInput {
  target: StepTarget & { kind: 'host' };
  datastore: string;
  /** The drill VM's .vmx inside its datastore (`name/name.vmx`), as getallvms prints it. */
  vmxInDatastore: string;
  folder: string;
  marker: string;
  /** The one line the marker must hold. */
  line: string;
  reason: string;
}

export interface TeardownResult {
  operationId: string | null;
  /** The folder still there, or the VM still registered: what the teardown could not (or would not) remove. */
  notRemoved: string[];
  /** The folder lacked the drill's marker with its id: it was left as it is. */
  markerMissing: boolean;
}

/** Where the id ESXi gives the registered drill VM goes, in the teardown commands shown before the drill runs. */
const VMID_PLACE = '<id>';

const powerOffCommand = (vmid: string) => cmd('vim-cmd', 'vmsvc/power.off', vmid);
const unregisterCommand = (vmid: string) => cmd('vim-cmd', 'vmsvc/unregister', vmid);
/** The marker is read again in the same command: nothing can swap the folder between the check and the removal. */
const removeFolderCommand = (input: Pick<TeardownInput, 'line' | 'marker' | 'folder'>) => sh`${cmd('grep', '-qxF', input.line, input.marker)} && ${cmd('rm', '-rf', input.folder)}`;

/**
 * The teardown's commands as the review shows them before the drill runs: the removal exactly as it will be sent, the
 * VM's power-off and unregistration with `<id>` where ESXi's id of the VM goes (known once ESXi registers it).
 */
export function teardownPreview(input: Pick<TeardownInput, 'line' | 'marker' | 'folder'>): string[] {
  const withPlace = (command: (vmid: string) => { text: string }) => command('0').text.replace(/ 0$/, ` ${VMID_PLACE}`);
  return [withPlace(powerOffCommand), withPlace(unregisterCommand), removeFolderCommand(input).text];
}

/**
 * Removes what a drill made after its restore: the VM powered off and unregistered, then its folder with all that
 * ESXi wrote into it while it ran (logs, swap) — but only while the folder holds this drill's marker with its id,
 * checked by the step and again in the very command that removes it. An audited operation of its own.
 */
export async function tearDownDrill(deps: { ssh: SshService; operations: OperationService }, input: TeardownInput): Promise<TeardownResult> {
  const { ssh, operations } = deps;
  const { target } = input;
  const signal = AbortSignal.timeout(TEARDOWN_TIMEOUT_MS);
  const run = (command: Parameters<SshService['run']>[1]) => ssh.run(target.hostId, command, { signal, timeoutMs: TEARDOWN_TIMEOUT_MS });
  const registeredVm = async () => parseGetAllVms((await run(getAllVmsCommand())).stdout).vms.find((v) => v.datastore === input.datastore && v.vmxPath === input.vmxInDatastore) ?? null;
  const folderThere = async () => (await run(cmd('test', '-e', input.folder))).exitCode === 0;
  const owned = async () => (await run(cmd('grep', '-qxF', input.line, input.marker))).exitCode === 0;
  const left = async (): Promise<string[]> => [...((await registeredVm()) ? [`${input.datastore}:${input.vmxInDatastore}`] : []), ...((await folderThere()) ? [input.folder] : [])];

  const vm = await registeredVm();
  const there = await folderThere();
  if (vm === null && !there) return { operationId: null, notRemoved: [], markerMissing: false };
  if (there && !(await owned())) return { operationId: null, notRemoved: await left(), markerMissing: true };
  const steps: PlanStep[] = [];
  if (vm !== null) {
    if (parsePowerState((await run(powerStateCommand(vm.vmid))).stdout) !== 'poweredOff') {
      steps.push(step({ id: 'power-off', target, words: words('drill.teardown.step.powerOff', { vmid: vm.vmid, name: vm.name }), actions: [shellAction(powerOffCommand(vm.vmid))], undo: null }));
    }
    steps.push(step({ id: 'unregister', target, words: words('restore.cleanup.step.unregister', { vmid: vm.vmid, name: vm.name }), actions: [shellAction(unregisterCommand(vm.vmid))], undo: null }));
  }
  if (there) {
    steps.push(
      step({
        id: 'remove-folder',
        target,
        words: words('drill.teardown.step.remove', { folder: input.folder, marker: input.marker }),
        actions: [shellAction(removeFolderCommand(input))],
        checks: [check('drill.teardown.check.marker', { marker: input.marker }, shellAction(cmd('grep', '-qxF', input.line, input.marker)))],
        undo: null,
      }),
    );
  }
  const plan: OperationPlan = { id: randomUUID(), kind: 'drill.teardown', title: words('drill.teardown.title', { folder: input.folder, host: target.name }), about: targetText(target), createdAt: Date.now(), risk: 'low', steps, undoOf: null };
  await operations.runNow(plan, input.reason, { signal });
  return { operationId: plan.id, notRemoved: await left(), markerMissing: false };
}
