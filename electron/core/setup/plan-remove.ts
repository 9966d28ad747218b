import { randomUUID } from 'node:crypto';
import type { OperationPlan, PlanStep } from '../../../shared/model/operation.ts';
import { hostTarget, midcltAction, shellAction, step, targetText, words } from '../operations/plan-steps.ts';
import { cmd } from '../shell/command.ts';
import { exclusionRemoval } from './exclusions.ts';
import { nasKeyPath, nasKnownHostsPath } from './names.ts';
import type { PlanContext } from './plan-context.ts';
import { nfsRemoveCommand } from './plan-mount.ts';
import { authorizedKeysStep, hostSide, nasJobRemoval } from './plan-schedule.ts';
import type { SetupState } from './setup-state.ts';
import type { SetupUploads } from './uploads.ts';

/**
 * Removing Custode's setup from a host, each piece only where it is: the schedule (the NAS's cron job, the forced
 * key, Custode's key on the NAS, the host's crontab line and local.sh block, with dated copies), the datastore
 * mount and the NFS export. The dataset and every copy in it stay on the NAS; so do ghettoVCB and its conf.
 */
export function planRemove(state: SetupState, uploads: SetupUploads, now: number, id: string = randomUUID()): OperationPlan | null {
  const host = hostTarget(state.host) as PlanContext['host'];
  const nas = hostTarget(state.nas) as PlanContext['nas'];
  const mount = state.esxi.mounts.find((m) => m.volumeName.startsWith('VM_backup_') && state.nasFacts.shares!.some((s) => s.paths.includes(m.share)));
  const ctx = { state, uploads, now, host, nas };
  const steps: PlanStep[] = [...nasJobRemoval(ctx), ...authorizedKeysStep(ctx, null)];
  if (state.nasKeyPub !== null || state.nasKnownHosts.text !== null) {
    const key = nasKeyPath(state.ip);
    steps.push(step({ id: 'nas-key-remove', target: nas, words: words('setup.step.nasKeyRemove', { path: key }), actions: [shellAction(cmd('rm', '-f', key, `${key}.pub`, nasKnownHostsPath(state.ip)))], undo: null }));
  }
  steps.push(...hostSide(ctx, null), ...exclusionRemoval(ctx));
  if (mount) {
    steps.push(step({ id: 'unmount', target: host, words: words('setup.undo.unmount', { volume: mount.volumeName }), actions: [shellAction(nfsRemoveCommand(mount.version === 'nfs41' ? 'nfs41' : 'nfs3', mount.volumeName))], undo: null }));
    const share = state.nasFacts.shares!.find((s) => s.paths.includes(mount.share) && s.hosts.length === 1 && s.hosts[0] === state.ip);
    if (share) {
      steps.push(step({ id: 'share-remove', target: nas, words: words('setup.step.shareRemove', { path: mount.share }), actions: [midcltAction('sharing.nfs.delete', share.id)], undo: null }));
    }
  }
  if (steps.length === 0) return null;
  return { id, kind: 'setup.remove', title: words('setup.removeTitle', { host: state.host.name }), about: targetText(host), createdAt: now, risk: 'high', steps, undoOf: null };
}
