import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { EventHub } from '../../../electron/core/ipc/event-hub.ts';
import { JobRegistry } from '../../../electron/core/jobs/job-registry.ts';
import type { StepExecutor } from '../../../electron/core/operations/executor.ts';
import { OperationService } from '../../../electron/core/operations/operation-service.ts';
import { planMakeDirectories } from '../../../electron/core/operations/plans/directories.ts';
import { planTrustForget } from '../../../electron/core/operations/plans/trust.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';
import type { StepRecord } from '../../../shared/model/operation.ts';

/**
 * A host as a set of folders: `mkdir` fails when the parent is missing, like busybox; `test`/`rmdir` behave as
 * on the host. `drop` makes the next command lose its connection after it took effect.
 */
class FolderHost implements StepExecutor {
  readonly dirs = new Set(['/', '/vmfs', '/vmfs/volumes', '/vmfs/volumes/datastore1']);
  readonly sent: string[] = [];
  drop = false;
  async send(_target: unknown, action: { command: string }): Promise<{ exitCode: number; output: string }> {
    this.sent.push(action.command);
    const [verb, ...args] = action.command.split(' ');
    const path = args[args.length - 1]!;
    const parent = path.replace(/\/[^/]+$/, '') || '/';
    let result: { exitCode: number; output: string };
    if (verb === 'mkdir') result = !this.dirs.has(parent) ? { exitCode: 1, output: `mkdir: can't create directory '${path}': No such file or directory` } : (this.dirs.add(path), { exitCode: 0, output: '' });
    else if (verb === 'rmdir') result = this.dirs.delete(path) ? { exitCode: 0, output: '' } : { exitCode: 1, output: 'rmdir: no such directory' };
    else if (verb === 'test') result = { exitCode: (args[0] === '!' ? !this.dirs.has(path) : this.dirs.has(path)) ? 0 : 1, output: '' };
    else result = { exitCode: 127, output: `${verb}: not found` };
    if (this.drop && verb === 'mkdir') {
      this.drop = false;
      throw new AppError('ssh.disconnected', 'The connection was lost while the command ran');
    }
    return result;
  }
}

function setup(hosts = new Set(['h-7'])) {
  const db = openDatabase(':memory:');
  const audit = new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' } });
  const hub = new EventHub();
  const jobs = new JobRegistry(hub);
  const host = new FolderHost();
  const ops = new OperationService({ audit, jobs, executor: host, hostExists: (id) => hosts.has(id) });
  return { db, audit, hub, jobs, host, ops, hosts };
}

const esxi07 = { id: 'h-7', name: 'esxi-07', address: '10.0.0.7' };
const A = '/vmfs/volumes/datastore1/custode-a';
const B = '/vmfs/volumes/datastore1/missing/custode-b';
const C = '/vmfs/volumes/datastore1/custode-c';
const signal = new AbortController().signal;

describe('operation service', () => {
  it('stops at the failing step, records steps 1 and 2 with exit codes, and undoes step 1 from its planned undo', async () => {
    const { ops, audit, host } = setup();
    const plan = ops.prepare(planMakeDirectories(esxi07, [A, B, C], 'op-1', 0));
    const result = await ops.runNow(plan, 'prova del percorso di scrittura', { signal });
    expect(result.outcome).toBe('failed');
    expect(result.steps.map((s) => s.outcome)).toEqual(['succeeded', 'failed']);
    expect(result.undoAvailable).toBe(true);
    const steps = audit.show('op-1').filter((e) => e.kind === 'operation.step').map((e) => e.data as StepRecord);
    expect(steps.map((s) => s.commands.map((c) => [c.phase, c.exitCode]))).toEqual([
      [['check', 0], ['run', 0]],
      [['check', 0], ['run', 1]],
    ]);
    expect(steps[1]!.commands[1]!.output).toContain("can't create directory");
    expect(host.dirs.has(A)).toBe(true);
    expect(host.sent.some((c) => c.includes('custode-c'))).toBe(false);

    const undo = ops.planUndo('op-1');
    expect(undo.undoOf).toBe('op-1');
    expect(undo.steps.map((s) => s.actions[0]!.command)).toEqual([`rmdir ${A}`]);
    const job = ops.start(undo.id, { reason: 'annullo la prova' });
    expect(job.jobId).toMatch(/^job-/);
    await expect.poll(() => host.dirs.has(A)).toBe(false);
    await expect.poll(() => ops.result(undo.id).outcome).toBe('succeeded');
    expect(audit.verify().intact).toBe(true);
  });

  it('refuses bad input before anything is written', async () => {
    const { ops, audit, hosts } = setup();
    expect(() => ops.start('nope', { reason: 'x' })).toThrow(expect.objectContaining({ code: 'operations.unknownPlan' }));
    const plan = ops.prepare(planMakeDirectories(esxi07, [A], 'op-2', 0));
    expect(() => ops.start(plan.id, { reason: 'x'.repeat(2001) })).toThrow(expect.objectContaining({ code: 'operations.reasonTooLong', details: { length: 2001, max: 2000 } }));
    expect(() => ops.start(plan.id, { reason: '   ' })).toThrow(expect.objectContaining({ code: 'operations.reasonRequired' }));
    expect(audit.verify().entries).toBe(0);
    // Still waiting after a refusal for bad input: the user may fix the reason.
    expect(ops.plan(plan.id).id).toBe('op-2');

    hosts.delete('h-7');
    expect(() => ops.start(plan.id, { reason: 'x'.repeat(2000) })).toThrow(expect.objectContaining({ code: 'operations.targetGone' }));
    // A complete "refused" entry, no start without an end.
    expect(audit.list().map((i) => [i.subject, i.outcome])).toEqual([['directories.create', 'refused']]);
    expect(audit.show('op-2').map((e) => e.kind)).toEqual(['operation.refused']);
    expect(() => ops.plan(plan.id)).toThrow(expect.objectContaining({ code: 'operations.unknownPlan' }));
    expect(() => ops.result('op-2')).toThrow(expect.objectContaining({ code: 'operations.unknownOperation' }));
  });

  it('needs dangerous steps confirmed by the name of their object', () => {
    const { ops } = setup();
    const pins = [{ host: '10.0.0.7', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', publicKey: 'AAAA', source: 'user' as const, pinnedAt: 0 }];
    const plan = ops.prepare(planTrustForget('10.0.0.7', 22, pins, 'op-3', 0));
    expect(() => ops.start(plan.id, { reason: 'chiave rigenerata', confirm: ['10.0.0.8:22'] })).toThrow(expect.objectContaining({ code: 'operations.confirmationRequired', details: { object: '10.0.0.7:22' } }));
  });

  it('reports a step that lost its connection as unknown, then reads it again when the host is back', async () => {
    const { ops, audit, host } = setup();
    host.drop = true;
    const plan = ops.prepare(planMakeDirectories(esxi07, [A, C], 'op-4', 0));
    const result = await ops.runNow(plan, 'prova', { signal });
    expect(result.outcome).toBe('unknown');
    expect(result.steps.map((s) => s.outcome)).toEqual(['unknown']);
    expect(result.undoAvailable).toBe(true);
    await ops.recheckHost('h-7', signal);
    const recheck = audit.show('op-4').find((e) => e.kind === 'operation.recheck');
    expect(recheck).toMatchObject({ outcome: 'tookEffect', data: { stepId: 'mkdir-0', commands: [{ command: `test -d ${A}`, exitCode: 0 }] } });
  });

  it('a run job fails with the failing step’s error and the operation id', async () => {
    const { ops, hub } = setup();
    const done: JobDone[] = [];
    hub.subscribe((event, payload) => (event === 'job:done' ? done.push(payload as JobDone) : undefined));
    const plan = ops.prepare(planMakeDirectories(esxi07, [B], 'op-5', 0));
    ops.start(plan.id, { reason: 'prova' });
    await expect.poll(() => done.length).toBe(1);
    expect(done[0]).toMatchObject({ state: 'failed', error: { code: 'operations.commandFailed', details: { operationId: 'op-5', exitCode: 1, undoAvailable: false } } });
  });
});
