import type { HostEntry } from '../../../../shared/ipc/fleet.ts';
import type { OperationPlan } from '../../../../shared/model/operation.ts';
import { cmd } from '../../shell/command.ts';
import { check, hostTarget, localAction, step, targetText, undoStep, WORKSTATION, words } from '../plan-steps.ts';

/** A machine to add, as the add form gives it (its password stays beside the plan, never in it). */
export interface HostToAdd {
  role: 'esxi' | 'nas';
  name?: string | undefined;
  address: string;
  port: number;
  username: string;
  auth: 'password' | 'key' | 'agent';
  keyPath?: string | undefined;
  group?: string | undefined;
}

const endpoint = (address: string, port: number) => ({ address, port });
const present = (address: string, port: number) =>
  check('operations.check.hostInFleet', { address, port }, localAction('fleet.hostPresent', endpoint(address, port), cmd('custode', 'fleet', 'has', `${address}:${port}`).text));
const absent = (address: string, port: number) =>
  check('operations.check.hostNotInFleet', { address, port }, localAction('fleet.hostAbsent', endpoint(address, port), cmd('custode', 'fleet', 'has-not', `${address}:${port}`).text));

/**
 * Adding a machine: connect (its key shown for trust), log in, read it, and only then save it in Custode. Undone
 * by forgetting it again. Nothing on the machine changes. Whether to keep the password is a choice, not a secret.
 */
export function planHostAdd(host: HostToAdd, options: { remember: boolean }, id: string, now: number): OperationPlan {
  const { address, port } = host;
  const command = cmd('custode', 'fleet', host.role === 'nas' ? 'add-nas' : 'add-host', address, '--port', port, '--user', host.username, '--auth', host.auth, ...(host.keyPath ? ['--key', host.keyPath] : [])).text;
  return {
    id,
    kind: 'host.add',
    title: words('operations.host.add.title', { address, port }),
    about: port === 22 ? address : `${address}:${port}`,
    createdAt: now,
    risk: 'low',
    undoOf: null,
    steps: [
      step({
        id: 'add',
        target: WORKSTATION,
        words: words(`operations.host.add.step.${host.role}`, { address, port, username: host.username }),
        actions: [localAction('fleet.addHost', { host, remember: options.remember }, command)],
        checks: [absent(address, port)],
        effect: present(address, port),
        undo: [
          undoStep({
            id: 'forget',
            target: WORKSTATION,
            words: words('operations.host.remove.step', { name: address }),
            actions: [localAction('fleet.removeHostAt', endpoint(address, port), cmd('custode', 'fleet', 'remove', `${address}:${port}`).text)],
            checks: [present(address, port)],
            effect: absent(address, port),
          }),
        ],
      }),
    ],
  };
}

/**
 * Removing a machine forgets it in Custode only (its row, last probe, kept password). Undone by putting the same
 * entry back; a kept password is gone and is asked again at the next login.
 */
export function planHostRemove(host: HostEntry, id: string, now: number): OperationPlan {
  const target = hostTarget(host);
  const { address, port } = host;
  const entry = { id: host.id, role: host.role, name: host.name, address, port, username: host.username, auth: host.auth, keyPath: host.keyPath, group: host.group, createdAt: host.createdAt };
  return {
    id,
    kind: 'host.remove',
    title: words('operations.host.remove.title', { name: host.name }),
    about: targetText(target),
    createdAt: now,
    risk: 'low',
    undoOf: null,
    steps: [
      step({
        id: 'remove',
        target,
        words: words('operations.host.remove.step', { name: host.name }),
        actions: [localAction('fleet.removeHost', { hostId: host.id }, cmd('custode', 'fleet', 'remove', host.name).text)],
        checks: [present(address, port)],
        effect: absent(address, port),
        undo: [
          undoStep({
            id: 'restore',
            target: WORKSTATION,
            words: words('operations.host.restore.step', { name: host.name }),
            actions: [localAction('fleet.restoreHost', { host: entry }, cmd('custode', 'fleet', 'restore', host.name, '--address', `${address}:${port}`).text)],
            checks: [absent(address, port)],
            effect: present(address, port),
          }),
        ],
      }),
    ],
  };
}
