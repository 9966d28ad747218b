import type { OperationPlan, PlanStep } from '../../../shared/model/operation.ts';
import type { RunSetup } from '../../../shared/model/backup.ts';
import { check, hostTarget, shellAction, step, targetText, undoStep, words } from '../operations/plan-steps.ts';
import { cmd, raw } from '../shell/command.ts';
import { consolidationSteps, type Consolidation } from './consolidate.ts';
import { fileExistsCommand, launchCommand, lockFreeCommand, vmListCommand, type RunFiles, type RunRequest } from './launch.ts';

/**
 * "Run a backup now" as a plan to review: the exact commands, sent only after the user gave a reason. The start is
 * refused at its last moment when another ghettoVCB run holds the lock (the check is read again right before it);
 * it cannot be undone (stopping a run is the cancel, planned on its own).
 */
export function planBackupRun(host: { id: string; name: string; address: string }, setup: RunSetup, request: RunRequest, files: RunFiles, id: string, now: number, consolidate: readonly Consolidation[] = []): OperationPlan {
  const target = hostTarget(host);
  // The snapshots the user picked go first: the run starts only once each is removed.
  const steps: PlanStep[] = consolidationSteps(target, consolidate);
  const lockFree = check('backup.run.check.lockFree', { workdir: '/tmp/ghettoVCB.work' }, shellAction(lockFreeCommand()));
  const absent = (path: string) => check('operations.check.pathAbsent', { path }, shellAction(cmd('test', raw('!'), '-e', path)));
  if (request.vms.length > 1) {
    steps.push(
      step({
        id: 'vm-list',
        target,
        words: words('backup.run.step.vmList', { path: files.vmList, vms: request.vms.join(', ') }),
        actions: [shellAction(vmListCommand(files, request.vms))],
        checks: [absent(files.vmList)],
        effect: check('backup.run.check.listWritten', { path: files.vmList }, shellAction(fileExistsCommand(files.vmList))),
        undo: [undoStep({ id: 'rm-vm-list', target, words: words('backup.run.step.vmListRemove', { path: files.vmList }), actions: [shellAction(cmd('rm', '-f', files.vmList))] })],
      }),
    );
  }
  steps.push(
    step({
      id: 'start',
      target,
      words: words(request.dryRun ? 'backup.run.step.startDry' : 'backup.run.step.start', { script: setup.script, log: files.log, vms: request.vms.length === 0 ? '-a' : request.vms.join(', ') }),
      actions: [shellAction(launchCommand(setup, request, files))],
      checks: [lockFree, absent(files.log)],
      effect: check('backup.run.check.logStarted', { log: files.log }, shellAction(fileExistsCommand(files.log))),
      undo: null,
    }),
  );
  return {
    id,
    kind: request.dryRun ? 'backup.dryRun' : 'backup.run',
    title: words(request.dryRun ? 'backup.run.titleDry' : 'backup.run.title', { host: host.name, count: request.vms.length }),
    about: targetText(target),
    createdAt: now,
    risk: consolidate.length > 0 ? 'high' : 'medium',
    steps,
    undoOf: null,
  };
}
