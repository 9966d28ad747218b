import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRun } from '../../../shared/model/backup.ts';
import { startLab, teardownLab, type Lab } from '../../lab/api.ts';
import { labPaths } from '../../lab/lab-paths.ts';
import { shareDataset } from '../../lab/topology.ts';
import { cliSession, labSkip, type CliSession } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup run] skipped: ${skip}`);

describe.skipIf(skip !== null)('backup run now against the small lab', { timeout: 300_000 }, () => {
  let lab: Lab;
  let cli: CliSession;
  const stateDir = '/var/tmp/custode-lab-backup-run';
  const shareDir = () => join(labPaths(stateDir).nasMnt, shareDataset('10.0.0.8'));
  const onShare = (logPath: string) => join(shareDir(), logPath.slice(logPath.lastIndexOf('/') + 1));
  const copyOf = (run: BackupRun) => join(cli.home, 'backup-runs', `${run.id}.log`);
  const runs = async (): Promise<BackupRun[]> => JSON.parse((await cli.run(['backup', 'list', '--json'])).out) as BackupRun[];

  beforeAll(async () => {
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'small', stateDir });
    cli = cliSession();
    await cli.add(lab.host('truenas'));
    await cli.add(lab.host('esxi-08'));
  }, 300_000);
  afterAll(async () => {
    cli?.close();
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('without --yes prints the plan with its exact commands and starts nothing; --yes without a reason is refused', async () => {
    const plan = await cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01']);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain("-m segreteria-dc01 -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-custode-");
    expect(plan.out).toContain('Nothing was run.');
    expect(readdirSync(shareDir()).filter((n) => n.startsWith('ghettoVCB-custode-'))).toEqual([]);
    const noReason = await cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--yes']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--yes needs --reason');
    expect(await runs()).toEqual([]);
  });

  it('runs one VM to its end: exit code 0 as ghettoVCB’s, the log kept equals the share’s, the trail holds the command and the reason', async () => {
    const r = await cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--reason', 'prima dell’aggiornamento', '--yes']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('segreteria-dc01: done');
    const [run] = await runs();
    expect(run).toMatchObject({ state: 'ended', exitCode: 0, reason: 'prima dell’aggiornamento', vms: ['segreteria-dc01'], outcomes: [{ vm: 'segreteria-dc01', outcome: 'ok' }] });
    expect(run!.finalStatus).toContain('All VMs backed up OK');
    const share = readFileSync(onShare(run!.logPath));
    expect(readFileSync(copyOf(run!)).equals(share)).toBe(true);
    expect(run!.logOffset).toBe(share.length);
    const audit = await cli.run(['audit', 'show', run!.operationId!, '--json']);
    expect(audit.out).toContain('prima dell’aggiornamento');
    expect(audit.out).toContain('setsid');
  });
});
