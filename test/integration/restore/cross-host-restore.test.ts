import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestorePlanView, RestoreResult } from '../../../shared/model/restore.ts';
import { midcltCommand } from '../../../electron/core/nas/midclt.ts';
import { cmd } from '../../../electron/core/shell/command.ts';
import { startLab, teardownLab, type Lab, type LabHost } from '../../lab/api.ts';
import { shareDataset } from '../../lab/topology.ts';
import { cliSession, labSkip, type CliSession } from '../backup/cli-session.ts';
import { run } from '../lab/ssh-client.ts';

const skip = labSkip();
if (skip) console.log(`[restore cross-host] skipped: ${skip}`);

const STATE = '/var/tmp/custode-lab-restore-cross-host';

/**
 * Issue 16's cross-host restore end to end, through the `custode` command: host A (esxi-001) backs up vm-1-a and is
 * stopped; its copy is restored onto host B (esxi-002), which does not mount A's share. The NAS's export of that share
 * is widened to B only for the restore, B mounts it read-only under a temporary name, and afterwards the export's
 * record is the one read before, byte for byte, and B has no datastore it did not have.
 */
describe.skipIf(skip !== null)('restore host A’s copy on host B while A is down', { timeout: 600_000 }, () => {
  let lab: Lab;
  let cli: CliSession;
  let a: LabHost;
  let b: LabHost;
  let nas: LabHost;
  const on = async (h: LabHost, line: ReturnType<typeof cmd>) => (await run(h, line.text)).stdout;
  const exportOfA = () => on(nas, midcltCommand('sharing.nfs.query', [['path', '=', `/mnt/${shareDataset(a.identityIp)}`]]));
  const datastoresOfB = async () => [await on(b, cmd('esxcli', 'storage', 'nfs41', 'list')), await on(b, cmd('esxcli', 'storage', 'nfs', 'list'))];
  const request = (name: string) => ['--vm', 'vm-1-a', '--from-host', a.address, '--to-host', b.address, '--datastore', 'datastore1', '--name', name];

  beforeAll(async () => {
    await teardownLab(STATE);
    rmSync(STATE, { recursive: true, force: true });
    lab = await startLab({ topology: 'large:2', stateDir: STATE, seedHistory: false });
    [a, b] = lab.hosts.filter((h) => h.role === 'esxi') as [LabHost, LabHost];
    nas = lab.hosts.find((h) => h.role === 'nas')!;
    cli = cliSession();
    for (const h of [nas, a, b]) await cli.add(h);
  }, 300_000);

  afterAll(async () => {
    cli?.close();
    await lab?.stop();
    rmSync(STATE, { recursive: true, force: true });
  });

  it('plans a temporary access with its commands, restores, and leaves the export and B’s datastores as they were', async () => {
    const backup = await cli.run(['backup', 'run', a.address, '--vm', 'vm-1-a', '--reason', 'a copy to restore elsewhere', '--yes']);
    expect(backup.code, backup.err).toBe(0);
    const exportBefore = await exportOfA();
    expect(exportBefore).toContain(a.identityIp);
    expect(exportBefore).not.toContain(b.identityIp);
    const datastoresBefore = await datastoresOfB();
    expect(await lab.fault(a.name, 'stop')).toContain('stopped');

    const planned = await cli.run(['restore', 'plan', ...request('vm-1-a ripristinata'), '--json']);
    expect(planned.code, planned.out + planned.err).toBe(0);
    const view = JSON.parse(planned.out) as RestorePlanView;
    expect(view.checks.find((c) => c.check === 'share')).toMatchObject({ verdict: 'warn', code: 'restore.check.share.temporary' });
    expect(view.access).not.toBeNull();
    expect(view.access!.commands.some((c) => c.includes('sharing.nfs.update') && c.includes(b.identityIp))).toBe(true);
    expect(view.access!.commands.some((c) => c.includes('--readonly') && c.includes(view.access!.datastore))).toBe(true);
    // Planning changed nothing.
    expect(await exportOfA()).toBe(exportBefore);

    const restored = await cli.run(['restore', 'run', ...request('vm-1-a ripristinata'), '--reason', 'A è guasto: la VM torna su B', '--yes', '--json']);
    expect(restored.code, restored.out + restored.err).toBe(0);
    const result = JSON.parse(restored.out) as RestoreResult;
    expect(result).toMatchObject({ name: 'vm-1-a ripristinata', targetHost: expect.any(String) });
    expect(await on(b, cmd('vim-cmd', 'vmsvc/getallvms'))).toContain('vm-1-a ripristinata');
    // The temporary access is gone: the export is the one read before, B has only the datastores it had.
    expect(await exportOfA()).toBe(exportBefore);
    expect(await datastoresOfB()).toEqual(datastoresBefore);
  });

  it('a restore whose access cannot be closed (the NAS went down meanwhile) stands, says so, and the access is closed later', async () => {
    const exportBefore = await exportOfA();
    const datastoresBefore = await datastoresOfB();
    await lab.fault(b.name, 'slow-clone', 'on');
    try {
      const going = cli.run(['restore', 'run', ...request('vm-1-a seconda'), '--reason', 'A è ancora guasto', '--yes', '--json']);
      // Once B mounts the share (the access is open), the NAS stops answering over SSH until the restore is over.
      while ((await datastoresOfB()).join() === datastoresBefore.join()) await new Promise((r) => setTimeout(r, 100));
      expect(await lab.fault(nas.name, 'stop')).toContain('stopped');
      const restored = await going;
      expect(restored.code, restored.out + restored.err).toBe(0);
      const result = JSON.parse(restored.out) as RestoreResult;
      expect(result.name).toBe('vm-1-a seconda');
      expect(result.accessLeftOpen?.code).toMatch(/^ssh\./);
      expect(await on(b, cmd('vim-cmd', 'vmsvc/getallvms'))).toContain('vm-1-a seconda');
    } finally {
      await lab.fault(b.name, 'slow-clone', 'off');
      await lab.fault(nas.name, 'start');
    }
    const open = JSON.parse((await cli.run(['restore', 'access', 'list', '--json'])).out) as Array<{ id: string }>;
    expect(open).toHaveLength(1);
    const closed = await cli.run(['restore', 'access', 'close', open[0]!.id, '--reason', 'il NAS è tornato', '--yes']);
    expect(closed.code, closed.out + closed.err).toBe(0);
    expect(await exportOfA()).toBe(exportBefore);
    expect(await datastoresOfB()).toEqual(datastoresBefore);
  });
});
