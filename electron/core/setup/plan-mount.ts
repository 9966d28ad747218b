import { AppError } from '../../../shared/errors/app-error.ts';
import type { PlanStep } from '../../../shared/model/operation.ts';
import { writeTestCommand, writeTestFile } from '../backup/write-test.ts';
import { check, shellAction, step, undoStep, words } from '../operations/plan-steps.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';
import { page, type PagePlan, type PlanContext } from './plan-context.ts';

/**
 * The mount (page c): the share as datastore `VM_backup_<ip>` with `esxcli storage nfs41 add` (or `nfs add` for
 * NFS 3), then a real write: a file only this test uses is created, written and removed as root. A datastore of
 * that name on another export is refused; the share already mounted (under any name) is "already done".
 */
export const nfsAddCommand = (version: 'nfs41' | 'nfs3', server: string, share: string, volume: string): ShellCommand =>
  version === 'nfs41' ? cmd('esxcli', 'storage', 'nfs41', 'add', '-H', server, '-s', share, '-v', volume) : cmd('esxcli', 'storage', 'nfs', 'add', '-H', server, '-s', share, '-v', volume);

export const nfsRemoveCommand = (version: 'nfs41' | 'nfs3', volume: string): ShellCommand =>
  cmd('esxcli', 'storage', version === 'nfs41' ? 'nfs41' : 'nfs', 'remove', '-v', volume);

/** The write test as a step's action: fails unless the file was created, written and removed. */
export function writeTestAction(dir: string): ShellCommand {
  const file = writeTestFile(dir);
  return sh`out=$(${writeTestCommand(file)}); echo "$out"; echo "$out" | grep -qx custode.write=0 && echo "$out" | grep -qx ${raw("'custode.write.remove=0'")}`;
}

/** The datastore the share is (or will be) mounted as: an existing mount of it keeps its name. */
export function mountedVolume(ctx: Pick<PlanContext, 'state' | 'sharePath'>): string | null {
  return ctx.state.esxi.mounts.find((m) => m.share === ctx.sharePath)?.volumeName ?? null;
}

export function planMount(ctx: PlanContext): PagePlan {
  const { state, volume, sharePath, host } = ctx;
  const existing = mountedVolume(ctx);
  if (existing !== null) return page('mount', words('setup.mount.found', { volume: existing, share: sharePath }), []);
  const taken = state.esxi.mounts.find((m) => m.volumeName === volume) ?? state.esxi.filesystems.find((f) => f.volumeName === volume);
  if (taken) throw new AppError('setup.volumeTaken', `${state.host.name} already has a datastore named ${volume} on another export; rename or remove it first`, { volume });
  const steps: PlanStep[] = [
    step({
      id: 'mount',
      target: host,
      words: words('setup.step.mount', { volume, server: state.nfsServer, share: sharePath, version: ctx.nfsVersion === 'nfs41' ? 'NFS 4.1' : 'NFS 3' }),
      actions: [shellAction(nfsAddCommand(ctx.nfsVersion, state.nfsServer, sharePath, volume))],
      checks: [check('operations.check.pathAbsent', { path: ctx.volumePath }, shellAction(cmd('test', raw('!'), '-e', ctx.volumePath)))],
      effect: check('setup.check.mounted', { volume }, shellAction(cmd('test', '-d', ctx.volumePath))),
      undo: [undoStep({ id: 'unmount', target: host, words: words('setup.undo.unmount', { volume }), actions: [shellAction(nfsRemoveCommand(ctx.nfsVersion, volume))] })],
    }),
    step({
      id: 'write-test',
      target: host,
      words: words('setup.step.writeTest', { dir: ctx.volumePath }),
      actions: [shellAction(writeTestAction(ctx.volumePath))],
      undo: [],
    }),
  ];
  return page('mount', words('setup.mount.none', { share: sharePath }), steps);
}
