import { describe, expect, it } from 'vitest';
import { planHostAdd, planHostRemove } from '../../../electron/core/operations/plans/hosts.ts';
import { planMakeDirectories } from '../../../electron/core/operations/plans/directories.ts';
import { planTrustForget } from '../../../electron/core/operations/plans/trust.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { OperationPlan } from '../../../shared/model/operation.ts';

/** Facts as the fleet store and the pin store hold them for the school's esxi-07. */
const esxi07: HostEntry = {
  id: 'h-7',
  role: 'esxi',
  name: 'esxi-07',
  address: '10.0.0.7',
  port: 22,
  username: 'root',
  auth: 'password',
  keyPath: null,
  group: 'aula magna',
  hasSecret: true,
  createdAt: 1_760_000_000_000,
};
const pins = [
  { host: '10.0.0.7', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abcDEF0123456789abcDEF0123456789abcDEF01234', publicKey: 'AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyBase64', source: 'user' as const, pinnedAt: 1_760_000_000_000 },
];
const NOW = 1_765_000_000_000;

describe('plans from facts', () => {
  it('adds a host: a Custode-side step, checked absent first, undone by forgetting it again', () => {
    const plan = OperationPlan.parse(planHostAdd({ role: 'esxi', address: '10.0.0.7', port: 22, username: 'root', auth: 'password' }, { remember: true }, 'p1', NOW));
    expect(plan).toMatchObject({ kind: 'host.add', about: '10.0.0.7', risk: 'low', title: { key: 'operations.host.add.title', params: { address: '10.0.0.7', port: 22 } } });
    const [step] = plan.steps;
    expect(step!.actions).toEqual([{ kind: 'local', action: 'fleet.addHost', params: { host: { role: 'esxi', address: '10.0.0.7', port: 22, username: 'root', auth: 'password' }, remember: true }, command: 'custode fleet add-host 10.0.0.7 --port 22 --user root --auth password' }]);
    expect(step!.checks.map((c) => c.action)).toEqual([expect.objectContaining({ action: 'fleet.hostAbsent', params: { address: '10.0.0.7', port: 22 } })]);
    expect(step!.undo).toEqual([expect.objectContaining({ actions: [expect.objectContaining({ action: 'fleet.removeHostAt', params: { address: '10.0.0.7', port: 22 } })] })]);
    expect(JSON.stringify(plan)).not.toMatch(/password"\s*:\s*"/);
  });

  it('removes a host: targets it by id, undone by restoring the same entry', () => {
    const plan = planHostRemove(esxi07, 'p2', NOW);
    expect(plan.about).toBe('esxi-07 (10.0.0.7)');
    expect(plan.steps[0]!.target).toEqual({ kind: 'host', hostId: 'h-7', name: 'esxi-07', address: '10.0.0.7' });
    expect(plan.steps[0]!.actions[0]!.command).toBe('custode fleet remove esxi-07');
    const restore = plan.steps[0]!.undo![0]!.actions[0]!;
    expect(restore).toMatchObject({ action: 'fleet.restoreHost', params: { host: { id: 'h-7', name: 'esxi-07', group: 'aula magna', createdAt: 1_760_000_000_000 } } });
  });

  it('forgets pins: dangerous, naming host:port, undone by pinning the same keys', () => {
    const plan = planTrustForget('10.0.0.7', 22, pins, 'p3', NOW);
    expect(plan.risk).toBe('high');
    expect(plan.steps[0]!.danger).toEqual({ object: '10.0.0.7:22', words: { key: 'operations.trust.forget.danger', params: { host: '10.0.0.7', port: 22 } } });
    expect(plan.steps[0]!.undo!.map((u) => u.actions[0])).toEqual([
      expect.objectContaining({ action: 'trust.pin', params: expect.objectContaining({ keyType: 'ssh-ed25519', fingerprint: pins[0]!.fingerprint, publicKey: pins[0]!.publicKey }) }),
    ]);
    expect(() => planTrustForget('10.0.0.9', 22, [], 'p4', NOW)).toThrow(expect.objectContaining({ code: 'trust.noPins' }));
  });

  it('creates folders: one step each, checked absent, undone by rmdir of that folder only', () => {
    const plan = planMakeDirectories({ id: 'h-7', name: 'esxi-07', address: '10.0.0.7' }, ['/vmfs/volumes/datastore1/backup', "/vmfs/volumes/datastore1/prova'; $(id)"], 'p5', NOW);
    expect(plan.steps.map((s) => s.actions.map((a) => a.command))).toEqual([['mkdir /vmfs/volumes/datastore1/backup'], [`mkdir '/vmfs/volumes/datastore1/prova'\\''; $(id)'`]]);
    expect(plan.steps[0]!.checks[0]!.action.command).toBe('test ! -e /vmfs/volumes/datastore1/backup');
    expect(plan.steps[0]!.effect!.action.command).toBe('test -d /vmfs/volumes/datastore1/backup');
    expect(plan.steps[1]!.undo![0]!.actions[0]!.command).toBe(`rmdir '/vmfs/volumes/datastore1/prova'\\''; $(id)'`);
  });
});
