import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { planMakeDirectories } from '../../../electron/core/operations/plans/directories.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { cmd, raw } from '../../../electron/core/shell/command.ts';
import type { AuditEntry, AuditItem } from '../../../shared/ipc/audit.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import type { OperationPlan, StepRecord } from '../../../shared/model/operation.ts';
import { startLab, teardownLab, type Lab } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[operations] skipped: ${skip}`);

/**
 * The write path against a real lab host, through the app's contract: a three-step operation whose second step
 * fails on the host, the trail it leaves, the planned undo of step 1, and the host probed before and after.
 */
describe.skipIf(skip !== null)('operations against the small lab', () => {
  let lab: Lab;
  let core: Core;
  let dataDir: string;
  let host: HostEntry;
  let closed = false;
  const password = 'Lab-Password-Planted-7731';

  const { call, job } = coreCalls(() => core);
  const probe = async (line: ReturnType<typeof cmd>) => core.ssh.run(host.id, line);
  const base = '/vmfs/volumes/datastore1';
  const folders = [`${base}/custode op 1`, `${base}/no-such-parent/custode op 2`, `${base}/custode op 3`];

  beforeAll(async () => {
    const stateDir = '/var/tmp/custode-lab-operations-it';
    await teardownLab(stateDir);
    lab = await startLab({ topology: 'small', stateDir, seedHistory: false, password });
    dataDir = mkdtempSync(join(tmpdir(), 'custode-operations-it-'));
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    core.events.subscribe((event, payload) => {
      if (event === 'ssh:hostKeyPrompt') void core.router.dispatch('ssh.hostKey.answer', { promptId: (payload as { promptId: string }).promptId, decision: 'trust' }, { signal: new AbortController().signal });
    });
    const esxi = lab.hosts.find((h) => h.role === 'esxi')!;
    const added = await job('fleet.addHost', { host: { role: 'esxi', address: esxi.address, port: esxi.port, auth: 'password' }, password, remember: true, reason: 'nuovo host in aula magna' });
    expect(added.state).toBe('succeeded');
    host = (added.result as HostEntry | null)!;
  }, 240_000);
  afterAll(async () => {
    if (!closed) core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
  });

  it('records the host add with its reason, and the key decision', async () => {
    const items = await call<AuditItem[]>('audit.list', {});
    // Newest first: the key was trusted during the add.
    expect(items.map((i) => [i.subject, i.outcome])).toEqual([
      ['trust.trusted', 'trusted'],
      ['host.add', 'succeeded'],
    ]);
    expect(items[1]!.reason).toBe('nuovo host in aula magna');
  });

  it('stops at the failing step with real exit codes, offers the undo of step 1, and the undo restores the host', { timeout: 120_000 }, async () => {
    const before = await probe(cmd('ls', '-a', base));
    const plan = core.operations.prepare(planMakeDirectories(host, folders, `it-${Date.now()}`, Date.now()));
    const reviewed = await call<OperationPlan>('operations.get', { planId: plan.id });
    expect(reviewed.steps.map((s) => s.actions[0]!.command)).toEqual(folders.map((f) => cmd('mkdir', f).text));

    const run = await job('operations.run', { planId: plan.id, reason: 'prova del percorso di scrittura' });
    expect(run).toMatchObject({ state: 'failed', error: { code: 'operations.commandFailed', details: { operationId: plan.id, undoAvailable: true, step: 1 } } });

    const entries = await call<AuditEntry[]>('audit.show', { id: plan.id });
    expect(entries.map((e) => e.kind)).toEqual(['operation.start', 'operation.step', 'operation.step', 'operation.end']);
    const [one, two] = entries.filter((e) => e.kind === 'operation.step').map((e) => e.data as StepRecord);
    expect(one!.commands.map((c) => [c.phase, c.command, c.exitCode])).toEqual([
      ['check', cmd('test', raw('!'), '-e', folders[0]!).text, 0],
      ['run', cmd('mkdir', folders[0]!).text, 0],
    ]);
    expect(two!.outcome).toBe('failed');
    expect(two!.commands[1]).toMatchObject({ phase: 'run', exitCode: 1 });
    expect(two!.commands[1]!.output).toMatch(/No such file or directory/);
    expect((await probe(cmd('test', '-d', folders[0]!))).exitCode).toBe(0);
    expect((await probe(cmd('test', '-e', folders[2]!))).exitCode).toBe(1);

    const result = await call<{ undoAvailable: boolean }>('operations.result', { operationId: plan.id });
    expect(result.undoAvailable).toBe(true);
    const undo = await call<OperationPlan>('operations.planUndo', { operationId: plan.id });
    expect(undo.steps.map((s) => s.actions[0]!.command)).toEqual([cmd('rmdir', folders[0]!).text]);
    const undone = await job('operations.run', { planId: undo.id, reason: 'annullo la prova' });
    expect(undone.state).toBe('succeeded');
    expect((await probe(cmd('ls', '-a', base))).stdout).toBe(before.stdout);

    const chain = await call<{ intact: boolean }>('audit.verify', {});
    expect(chain.intact).toBe(true);
  });

  it('refuses bad input with typed errors and writes nothing half', async () => {
    const count = async () => (await call<{ entries: number }>('audit.verify', {})).entries;
    const n = await count();
    await expect(call('operations.run', { planId: 'no-such-plan', reason: 'x' })).rejects.toMatchObject({ code: 'operations.unknownPlan' });
    const plan = core.operations.prepare(planMakeDirectories(host, [`${base}/custode late`], `late-${Date.now()}`, Date.now()));
    await expect(call('operations.run', { planId: plan.id, reason: 'r'.repeat(2001) })).rejects.toMatchObject({ code: 'operations.reasonTooLong' });
    expect(await count()).toBe(n);
    await call('fleet.removeHost', { hostId: host.id, reason: 'dismesso' });
    await expect(call('operations.run', { planId: plan.id, reason: 'troppo tardi' })).rejects.toMatchObject({ code: 'operations.targetGone' });
    const shown = await call<AuditEntry[]>('audit.show', { id: plan.id });
    expect(shown.map((e) => [e.kind, e.outcome])).toEqual([['operation.refused', 'refused']]);
    expect(await count()).toBe(n + 3 + 1);
  });

  it('keeps the login password out of the database', () => {
    core.close();
    closed = true;
    const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)));
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) expect(bytes.includes(Buffer.from(password))).toBe(false);
  });
});
