// The wizard's calls (setup.plan, setup.apply, setup.remove) through the app's contract on the bare lab, and a setup
// stopped half way: the steps that ran are "already done" when it is planned again, and it goes on from there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { OperationResult } from '../../../shared/model/operation.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { labSkip } from '../backup/cli-session.ts';
import { coreCalls } from '../core-calls.ts';
import { run } from '../lab/ssh-client.ts';

const skip = labSkip();
if (skip !== null) console.log(`skipping setup IPC tests: ${skip}`);
const STATE = '/var/tmp/custode-lab-setup-ipc';
const STAND_IN = join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh');

describe.skipIf(skip !== null)('the setup wizard’s calls', { timeout: 600_000 }, () => {
  let lab: Lab;
  let core: Core;
  let dataDir: string;
  const ids = new Map<string, string>();
  const { job } = coreCalls(() => core);
  const plan = async (extra: Record<string, unknown> = {}): Promise<SetupPlanView> => {
    const done = await job('setup.plan', { hostId: ids.get('esxi-20'), nasId: ids.get('truenas'), ...extra });
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    return done.result as SetupPlanView;
  };

  beforeAll(async () => {
    await teardownLab(STATE);
    rmSync(STATE, { recursive: true, force: true });
    lab = await startLab({ topology: 'bare', stateDir: STATE });
    dataDir = mkdtempSync(join(tmpdir(), 'custode-setup-ipc-'));
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    const signal = new AbortController().signal;
    core.events.subscribe((event, payload) => {
      if (event === 'ssh:hostKeyPrompt') void core.router.dispatch('ssh.hostKey.answer', { promptId: (payload as { promptId: string }).promptId, decision: 'trust' }, { signal });
    });
    const add = async (h: LabHost) => {
      const done = await job('fleet.addHost', { host: { role: h.role, name: h.name, address: h.address, port: h.port, auth: 'password' }, password: h.password, remember: true });
      expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
      ids.set(h.name, (done.result as { id: string }).id);
    };
    for (const name of ['truenas', 'esxi-08', 'esxi-20']) await add(lab.host(name));
  }, 600_000);
  afterAll(async () => {
    core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
    rmSync(STATE, { recursive: true, force: true });
  });

  it('goes on where a stopped setup left off, and ends with nothing left to do', async () => {
    const first = await plan({ ghettovcbPath: STAND_IN, snapshots: { value: 2, unit: 'WEEK' } });
    expect(first.pages.every((p) => p.status === 'change')).toBe(true);
    // Something in the way of the schedule's step: the run stops there, refused, after the pages before it ran.
    expect((await run(lab.host('esxi-20'), 'touch /tmp/custode-crontab-root.new')).code).toBe(0);
    const stopped = await job('setup.apply', { planId: first.plan!.id, reason: 'new host esxi-20' });
    expect(stopped.state).toBe('failed');
    expect(stopped.error?.code).toBe('operations.checkFailed');
    const resumed = await plan();
    expect(resumed.pages.map((p) => `${p.page}:${p.status}`)).toEqual(['share:done', 'mount:done', 'install:done', 'conf:done', 'schedule:change']);
    expect((await run(lab.host('esxi-20'), 'rm /tmp/custode-crontab-root.new')).code).toBe(0);
    const applied = await job('setup.apply', { planId: resumed.plan!.id, reason: 'finish esxi-20' });
    expect(applied.state, JSON.stringify(applied.error)).toBe('succeeded');
    expect((applied.result as OperationResult).outcome).toBe('succeeded');
    const last = await plan();
    expect(last).toMatchObject({ changes: 0, plan: null });
    const nas = JSON.parse((await run(lab.host('truenas'), `midclt call pool.snapshottask.query '[["dataset", "=", "UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.20"]]'`)).stdout) as Array<Record<string, unknown>>;
    expect(nas).toMatchObject([{ lifetime_value: 2, lifetime_unit: 'WEEK', naming_schema: 'custode-%Y-%m-%d_%H-%M', enabled: true }]);
  });

  it('plans the removal as a job and runs it with setup.apply', async () => {
    const removal = await job('setup.remove', { hostId: ids.get('esxi-20'), nasId: ids.get('truenas') });
    expect(removal.state).toBe('succeeded');
    const { plan: removePlan } = removal.result as { plan: { id: string; steps: Array<{ id: string }> } };
    expect(removePlan.steps.map((s) => s.id)).toEqual(['crontab', 'local-sh', 'unmount', 'share-remove']);
    const ran = await job('setup.apply', { planId: removePlan.id, reason: 'retire esxi-20' });
    expect(ran.state, JSON.stringify(ran.error)).toBe('succeeded');
    const nothing = await job('setup.remove', { hostId: ids.get('esxi-20'), nasId: ids.get('truenas') });
    expect(nothing.result).toEqual({ plan: null });
  });
});
