import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupRun, PreflightReport } from '../../../shared/model/backup.ts';
import { UPSTREAM_GHETTOVCB, upstreamMissing } from '../upstream-ghettovcb.ts';
import { labSkip, until, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup run] skipped: ${skip}`);

const REAL = UPSTREAM_GHETTOVCB;
if (REAL === undefined) console.log(`[backup run] the real ghettoVCB case is skipped: ${upstreamMissing}`);
const SCRIPTS: Array<{ name: string; script: string | undefined; skip: boolean }> = [
  { name: 'the lab’s stand-in', script: undefined, skip: skip !== null },
  { name: 'the real ghettoVCB', script: REAL, skip: skip !== null || REAL === undefined },
];

describe.skipIf(skip !== null)('backup run now against the small lab', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-run');
  const { shareDir } = site;
  const onShare = (logPath: string) => join(shareDir(), logPath.slice(logPath.lastIndexOf('/') + 1));
  const copyOf = (run: BackupRun) => join(site.cli.home, 'backup-runs', `${run.id}.log`);
  const runs = async (): Promise<BackupRun[]> => JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as BackupRun[];


  it('without --yes prints the plan with its exact commands and starts nothing; --yes without a reason is refused', async () => {
    const plan = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01']);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain("-m segreteria-dc01 -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-custode-");
    expect(plan.out).toContain('Nothing was run.');
    expect(readdirSync(shareDir()).filter((n) => n.startsWith('ghettoVCB-custode-'))).toEqual([]);
    const noReason = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--yes']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--yes needs --reason');
    expect(await runs()).toEqual([]);
  });

  it('runs one VM to its end: exit code 0 as ghettoVCB’s, the log kept equals the share’s, the trail holds the command and the reason', async () => {
    const r = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--reason', 'prima dell’aggiornamento', '--yes']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('segreteria-dc01: done');
    const [run] = await runs();
    expect(run).toMatchObject({ state: 'ended', exitCode: 0, reason: 'prima dell’aggiornamento', vms: ['segreteria-dc01'], outcomes: [{ vm: 'segreteria-dc01', outcome: 'ok' }] });
    expect(run!.finalStatus).toContain('All VMs backed up OK');
    const share = readFileSync(onShare(run!.logPath));
    expect(readFileSync(copyOf(run!)).equals(share)).toBe(true);
    expect(run!.logOffset).toBe(share.length);
    const audit = await site.cli.run(['audit', 'show', run!.operationId!, '--json']);
    expect(audit.out).toContain('prima dell’aggiornamento');
    expect(audit.out).toContain('setsid');
  });

  it('a dry run (-d dryrun) is parsed and copies nothing', async () => {
    const vmDir = join(shareDir(), 'segreteria-dc01');
    const copies = readdirSync(vmDir).sort();
    const r = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'segreteria-dc01', '--dry-run', '--reason', 'prova a vuoto', '--yes', '--json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as BackupRun;
    expect(run).toMatchObject({ state: 'ended', exitCode: 0, dryRun: true });
    expect(run.finalStatus).toContain('only a dryrun');
    expect(readFileSync(onShare(run.logPath), 'utf8')).toContain('-- dryrun: Virtual Machine: segreteria-dc01');
    expect(readdirSync(vmDir).sort()).toEqual(copies);
  });
});

describe.each(SCRIPTS)('a backup run with $name survives a dropped link', { timeout: 300_000 }, ({ script, skip: skipThis }) => {
  const site = useSmallLab(`/var/tmp/custode-lab-backup-drop${script === undefined ? '' : '-real'}`, { script, skip: skipThis });
  const { shareDir } = site;
  const onShare = (logPath: string) => join(shareDir(), logPath.slice(logPath.lastIndexOf('/') + 1));
  const latest = async (): Promise<BackupRun> => (JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as BackupRun[])[0]!;


  it.skipIf(skipThis)('a drop mid-clone loses and repeats no byte of the log; a second run is refused with the reason while the first holds the lock', async () => {
    if (script !== undefined) {
      // The real script's header names its version, which is on ghettoVCB's own list for this ESXi.
      const checked = JSON.parse((await site.cli.run(['backup', 'check', 'esxi-08', '--vm', 'segreteria-dc01', '--json'])).out) as PreflightReport;
      expect(checked.checks.find((c) => c.check === 'version')).toMatchObject({ verdict: 'go', params: { esxi: '8.0.3', script: '2025_10_30_1' } });
    }
    await site.lab.fault('esxi-08', 'slow-clone', 'on');
    const vms = ['segreteria-dc01', 'segreteria app'];
    const started = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', vms[0]!, '--vm', vms[1]!, '--reason', 'test del distacco', '--yes', '--detach', '--json']);
    expect(started.code).toBe(0);
    const run = JSON.parse(started.out) as BackupRun;
    expect(run).toMatchObject({ state: 'running', logOffset: 0, vms });
    expect(run.pid).toBeGreaterThan(0);
    const log = onShare(run.logPath);

    // Custode follows from another process (as after a restart); the link drops while the first disk is cloned.
    const attaching = site.cli.run(['backup', 'attach', 'esxi-08']);
    await until('the first clone to begin', async () => (await latest()).logOffset > 0 && readFileSync(log, 'utf8').includes('Creating Snapshot'));
    expect(await site.lab.fault('esxi-08', 'drop')).toMatch(/dropped [1-9]\d* connection/);
    // ghettoVCB copies vmkfstools' output into its log when a disk is done: the drop came during the copy.
    expect(readFileSync(log, 'utf8')).not.toContain('Clone: 100% done.');

    const second = await site.cli.run(['backup', 'run', 'esxi-08', '--vm', 'archivio-2019', '--reason', 'un altro', '--yes']);
    expect(second.code).toBe(1);
    expect(second.err).toContain('Another ghettoVCB run holds the lock /tmp/ghettoVCB.work on esxi-08');
    expect((JSON.parse((await site.cli.run(['backup', 'list', '--json'])).out) as BackupRun[]).map((r) => r.state)).toEqual(['running']);

    const before = (await latest()).logOffset;
    await until('the log to grow after the drop', async () => (await latest()).logOffset > before);
    await site.lab.fault('esxi-08', 'drop');
    const attached = await attaching;
    expect(attached.err).toBe('');
    expect(attached.code).toBe(0);
    expect(attached.out).toContain('from byte 0 of');
    expect(attached.out).toContain('segreteria-dc01: done');
    expect(attached.out).toContain('segreteria app: done');

    const ended = await latest();
    expect(ended).toMatchObject({ state: 'ended', exitCode: 0, outcomes: [{ vm: 'segreteria-dc01', outcome: 'ok' }, { vm: 'segreteria app', outcome: 'ok' }] });
    const share = readFileSync(log);
    expect(readFileSync(join(site.cli.home, 'backup-runs', `${run.id}.log`)).equals(share)).toBe(true);
    expect(ended.logOffset).toBe(share.length);
    await site.lab.fault('esxi-08', 'slow-clone', 'off');
  });
});
