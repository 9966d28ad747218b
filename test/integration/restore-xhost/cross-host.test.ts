import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { migrate, openDatabase } from '../../../electron/core/catalog/database.ts';
import type { StepExecutor } from '../../../electron/core/operations/executor.ts';
import type { AccessDeps } from '../../../electron/core/restore/cross-host/access-deps.ts';
import { readAccessFacts } from '../../../electron/core/restore/cross-host/access-facts.ts';
import { AccessJournal } from '../../../electron/core/restore/cross-host/access-journal.ts';
import { planShareAccess } from '../../../electron/core/restore/cross-host/access-plan.ts';
import { closeLeftoverAccesses, closeShareAccess } from '../../../electron/core/restore/cross-host/close-access.ts';
import type { CopyShare } from '../../../electron/core/restore/cross-host/copy-share.ts';
import { exportRecordCommand } from '../../../electron/core/restore/cross-host/export-record.ts';
import { openShareAccess, type TemporaryAccess } from '../../../electron/core/restore/cross-host/open-access.ts';
import { cmd } from '../../../electron/core/shell/command.ts';
import { midcltCommand } from '../../../electron/core/nas/midclt.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { sharePath } from '../../lab/topology.ts';
import { run } from '../lab/ssh-client.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[restore-xhost] skipped: ${skip}`);

/**
 * Issue 16 item 4 on a two-host lab: host A (10.0.1.1) is stopped, its copy is on the NAS share exported only to A;
 * host B (10.0.1.2) gets a temporary read-only access, reads the copy, and the close leaves B's datastores and the
 * NAS export exactly as they were. Every command goes over the lab's real OpenSSH.
 */
describe.skipIf(skip !== null)('cross-host access to a stopped host’s copy', () => {
  let lab: Lab;
  let dataDir: string;
  let deps: AccessDeps;
  let a: LabHost;
  let b: LabHost;
  let nas: LabHost;
  const signal = new AbortController().signal;
  const ctx = { signal, reason: 'ripristino di prova', secrets: {} };
  const folder = `vm-1-a/vm-1-a-2026-12-06_01-00-00 it's "x"`;
  const content = 'copia della notte\n';

  const executor: StepExecutor = {
    async send(target, action) {
      if (target.kind !== 'host' || action.kind === 'local') throw new Error('lab executor: host commands only');
      const r = await run(lab.host(target.name), action.command);
      return { exitCode: r.code, output: r.stdout + r.stderr };
    },
  };
  const machine = (h: LabHost) => ({ id: h.name, name: h.name, address: h.address });
  const on = async (h: LabHost, line: ReturnType<typeof cmd>) => run(h, line.text);
  const datastoresOfB = async () => {
    const lists = await Promise.all([on(b, cmd('esxcli', 'storage', 'nfs41', 'list')), on(b, cmd('esxcli', 'storage', 'nfs', 'list')), on(b, cmd('ls', '/vmfs/volumes'))]);
    return lists.map((r) => r.stdout);
  };
  const record = async () => (await on(nas, exportRecordCommand(shareId))).stdout;
  let shareId = 0;
  let copy: CopyShare;

  const plan = async (id: string): Promise<TemporaryAccess> => {
    const facts = await readAccessFacts(deps, copy, { ...machine(b), ips: [b.identityIp] }, { ...machine(nas), addresses: [nas.identityIp] }, signal);
    const access = planShareAccess(copy, facts, id);
    if (access.kind !== 'temporary') throw new Error(`B unexpectedly reads the share through ${access.datastore}`);
    return access;
  };

  beforeAll(async () => {
    const stateDir = '/var/tmp/custode-lab-restore-xhost-it';
    await teardownLab(stateDir);
    // A fresh NAS every run: a state left by an earlier run would hold its edits.
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'large:2', stateDir, seedHistory: false });
    const hosts = lab.hosts.filter((h) => h.role === 'esxi');
    a = hosts[0]!;
    b = hosts[1]!;
    nas = lab.hosts.find((h) => h.role === 'nas')!;
    copy = { server: nas.identityIp, share: sharePath(a.identityIp), folder, version: 'nfs41' };
    // A's copy, as its backup wrote it on the NAS.
    const dir = join(stateDir, 'nas', sharePath(a.identityIp), folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'vm-1-a.vmx'), content);
    expect(await lab.fault(a.name, 'stop')).toContain('stopped');
    dataDir = mkdtempSync(join(tmpdir(), 'custode-restore-xhost-it-'));
    const db = openDatabase(join(dataDir, 'catalog.sqlite'));
    migrate(db);
    deps = { executor, audit: new AuditStore(db), journal: new AccessJournal(dataDir) };
    const shares = JSON.parse((await on(nas, midcltCommand('sharing.nfs.query', [['path', '=', copy.share]]))).stdout) as Array<{ id: number; hosts: string[] }>;
    expect(shares.map((s) => s.hosts)).toEqual([[a.identityIp]]);
    shareId = shares[0]!.id;
  }, 300_000);

  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
  });

  it('B cannot mount A’s share as it is; opened, B reads the copy read-only; closed, everything is as before', { timeout: 120_000 }, async () => {
    const refused = await on(b, cmd('esxcli', 'storage', 'nfs41', 'add', `--hosts=${copy.server}`, `--share=${copy.share}`, '--volume-name=probe'));
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('denied the mount request');

    const before = await datastoresOfB();
    const original = await record();
    const access = await plan('r1');
    expect(access.change?.widenedHosts).toEqual([a.identityIp, b.identityIp]);

    const opened = await openShareAccess(deps, access, ctx);
    expect(deps.journal.get('r1')).not.toBeNull();
    const file = `/vmfs/volumes/${opened.datastore}/${opened.folder}/vm-1-a.vmx`;
    expect((await on(b, cmd('cat', file))).stdout).toBe(content);
    expect((await on(b, cmd('touch', `/vmfs/volumes/${opened.datastore}/${opened.folder}/written-by-b`))).code).not.toBe(0);
    expect(JSON.parse(await record()).hosts).toEqual([a.identityIp, b.identityIp]);

    expect(await closeShareAccess(deps, 'r1', ctx)).toEqual({ id: 'r1', unmounted: true, exportRestored: true, operationId: expect.stringContaining('r1-access-close-') });
    expect(await datastoresOfB()).toEqual(before);
    expect(JSON.parse(await record())).toEqual(JSON.parse(original));
    expect(await record()).toBe(original);
    expect(deps.journal.list()).toEqual([]);
    // Idempotent: a second close finds nothing to do.
    expect(await closeShareAccess(deps, 'r1', ctx)).toEqual({ id: 'r1', unmounted: false, exportRestored: false, operationId: null });
  });

  it('a failure after the export was widened undoes it at once; a crash is undone at the next start', { timeout: 120_000 }, async () => {
    const before = await datastoresOfB();
    const original = await record();
    const access = await plan('r2');
    // Between plan and run, something takes the temporary name on B: the mount step is refused after the widen ran.
    expect((await on(b, cmd('mkdir', `/vmfs/volumes/${access.datastore}`))).code).toBe(0);
    await expect(openShareAccess(deps, access, ctx)).rejects.toMatchObject({ code: 'restore.access.openFailed', details: { step: 'mount', outcome: 'refused' } });
    expect(await record()).toBe(original);
    expect(deps.journal.list()).toEqual([]);
    expect((await on(b, cmd('rmdir', `/vmfs/volumes/${access.datastore}`))).code).toBe(0);
    expect(await datastoresOfB()).toEqual(before);

    // Opened, then Custode "crashes": a new journal on the same data folder finds the entry and closes it.
    await openShareAccess(deps, await plan('r3'), ctx);
    const restarted: AccessDeps = { ...deps, journal: new AccessJournal(dataDir) };
    const closed = await closeLeftoverAccesses(restarted, ctx);
    expect(closed).toEqual([{ id: 'r3', result: { id: 'r3', unmounted: true, exportRestored: true, operationId: expect.stringContaining('r3-access-close-') }, error: null }]);
    expect(await record()).toBe(original);
    expect(await datastoresOfB()).toEqual(before);
  });

  it('refuses when the export was edited between plan and run, and leaves an export edited while widened alone', { timeout: 120_000 }, async () => {
    const before = await datastoresOfB();
    const access = await plan('r4');
    expect((await on(nas, midcltCommand('sharing.nfs.update', shareId, { comment: `copie di esxi-001, modificato ${Date.now()}` }))).code).toBe(0);
    const edited = await record();
    await expect(openShareAccess(deps, access, ctx)).rejects.toMatchObject({ code: 'restore.access.exportEdited' });
    expect(await record()).toBe(edited);
    expect(await datastoresOfB()).toEqual(before);
    expect(deps.journal.list()).toEqual([]);

    await openShareAccess(deps, await plan('r5'), ctx);
    expect((await on(nas, midcltCommand('sharing.nfs.update', shareId, { ro: true }))).code).toBe(0);
    await expect(closeShareAccess(deps, 'r5', ctx)).rejects.toMatchObject({ code: 'restore.access.exportEditedMeanwhile', details: { fields: 'ro' } });
    // The mount was removed, the export left as the person made it, and the entry kept for the next start.
    expect(await datastoresOfB()).toEqual(before);
    expect(JSON.parse(await record())).toMatchObject({ ro: true, hosts: [a.identityIp, b.identityIp] });
    expect(deps.journal.get('r5')).not.toBeNull();
    expect((await on(nas, midcltCommand('sharing.nfs.update', shareId, { ro: false, hosts: [a.identityIp] }))).code).toBe(0);
    expect(await closeShareAccess(deps, 'r5', ctx)).toEqual({ id: 'r5', unmounted: false, exportRestored: false, operationId: null });
  });
});
