// `custode setup` on the bare lab: esxi-20 has nothing of the backups. Apply makes its dataset and a share exported to
// its address only, mounts it, installs ghettoVCB, writes the conf and the cron line with local.sh's block; a reboot
// keeps the schedule, the lab's clock fires it and its log lands on the share; planning again plans nothing; the dry
// run lists its VMs; removal leaves the copies alone; with Secure Boot the NAS starts the run and the host has no
// line of its own. Bad input is refused with nothing changed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dueTimes, parseCronSchedule } from '../../lab/cron-schedule.ts';
import { nowSeconds } from '../../lab/esxi/clock.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { nasNow, readNasState } from '../../lab/nas/state.ts';
import { labSkip } from '../backup/cli-session.ts';
import { tree, useSetupLab } from './setup-session.ts';
import { run } from '../lab/ssh-client.ts';

const skip = labSkip();
if (skip !== null) console.log(`skipping setup tests: ${skip}`);
const STATE = '/var/tmp/custode-lab-setup-bare';
// The script the user picks: the real ghettoVCB.sh where GHETTOVCB_SH names it, else the lab's stand-in.
const STAND_IN = process.env['GHETTOVCB_SH'] ?? join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh');
const DATASET = 'UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.20';
const SHARE = `/mnt/${DATASET}`;
const IP = '10.0.0.20';

describe.skipIf(skip !== null)('setting up the bare host esxi-20 from nothing', { timeout: 600_000 }, () => {
  const site = useSetupLab({ topology: 'bare', stateDir: STATE }, ['truenas', 'esxi-08', 'esxi-20']);
  const setup = (verb: string, ...extra: string[]) => site.cli.run(['setup', verb, 'esxi-20', '--nas', 'truenas', ...extra]);
  const host = (command: string) => run(site.lab.host('esxi-20'), command);
  const shareDir = () => join(readNasState(site.lab.nasStatePath).mntDir, DATASET);
  /** When a daily HH:MM falls in the window the next advance of the host's (or the NAS's) clock runs, by the lab's own reading. */
  const dueInNext = (seconds: number, hour: number, minute: number, on: 'host' | 'nas'): string[] => {
    const host = readHostState(site.lab.host('esxi-20').hostFs);
    const nas = readNasState(site.lab.nasStatePath);
    const from = on === 'host' ? (host.cronUntil ?? nowSeconds(host.clockOffset)) : (nas.scheduledUntil ?? nasNow(nas));
    return dueTimes(parseCronSchedule([String(minute), String(hour), '*', '*', '*']), from, from + seconds).map((t) => new Date(t * 1000).toISOString().slice(11, 16));
  };
  const cronLines = async () => (await host('cat /var/spool/cron/crontabs/root')).stdout.split('\n').filter((l) => l.includes('ghettoVCB'));
  /** What a refused command must leave as it was: the NAS's state and the host's files Custode would write. */
  const world = async () => ({
    nas: JSON.stringify({ ...readNasState(site.lab.nasStatePath), clockOffset: 0, scheduledUntil: 0 }),
    host: (await host('cat /var/spool/cron/crontabs/root /etc/rc.local.d/local.sh /etc/ssh/keys-root/authorized_keys; ls -R /vmfs/volumes/datastore1/ghettoVCB 2>&1; esxcli storage nfs41 list')).stdout,
  });


  it('refuses bad input with why and what to do, changing nothing', async () => {
    const before = await world();
    const notScript = join(mkdtempSync(join(tmpdir(), 'custode-setup-')), 'ghettoVCB.sh');
    writeFileSync(notScript, '#!/bin/sh\necho hello\n');
    const cases: Array<[string[], RegExp]> = [
      [['--ghettovcb', STAND_IN, '--time', '25:70'], /Not a time of day: 25:70\. Write HH:MM/],
      [['--ghettovcb', STAND_IN, '--time', '04:30'], /esxi-08 already backs up to this NAS at 04:30\. Choose another time, e\.g\. 05:00/],
      [['--ghettovcb', STAND_IN, '--dataset', 'UniventionBackup/nope'], /no backups dataset .*UniventionBackup\/nope/],
      [['--ghettovcb', notScript], /is not a ghettoVCB\.sh/],
      [[], /has no ghettoVCB\. Pick a ghettoVCB\.sh/],
    ];
    for (const [flags, message] of cases) {
      const r = await setup('apply', ...flags, '--reason', 'bad input', '--yes');
      expect(r.code, flags.join(' ')).toBe(1);
      expect(r.err).toMatch(message);
    }
    await site.lab.fault('esxi-20', 'esxi-version', '8.0.4');
    const version = await setup('apply', '--ghettovcb', STAND_IN, '--reason', 'bad input', '--yes');
    expect(version.err).toMatch(/does not run on ESXi 8\.0\.4: its whitelist lacks it/);
    await site.lab.fault('esxi-20', 'esxi-version', '8.0.3');
    // datastore1, where ghettoVCB would go, filled up by something else: ESXi lists it with no space left.
    await site.lab.fault('esxi-20', 'datastore-full', 'datastore1');
    expect((await host('esxcli storage filesystem list')).stdout).toMatch(/^\/vmfs\/volumes\/\S+ +datastore1 +\S+ +true +VMFS-6 +\d+ +0$/m);
    const full = await setup('apply', '--ghettovcb', STAND_IN, '--reason', 'bad input', '--yes');
    expect(full.code).toBe(1);
    expect(full.err).toMatch(/Datastore datastore1 has 0 B free, but ghettoVCB needs \d+ KiB there .* Free space on datastore1/);
    const fullIt = await site.cli.run(['setup', 'plan', 'esxi-20', '--nas', 'truenas', '--ghettovcb', STAND_IN], 'it');
    expect(fullIt.err).toMatch(/Il datastore datastore1 ha 0 B liberi, ma a ghettoVCB ne servono \d+ KiB/);
    await site.lab.fault('esxi-20', 'datastore-full', 'datastore1', 'off');
    expect((await host('esxcli storage filesystem list')).stdout).not.toMatch(/ datastore1 .* 0$/m);
    // The host's address already exported elsewhere (esxi-08's share): refused, no second share for it.
    const nas = site.lab.host('truenas');
    expect((await run(nas, `midclt call sharing.nfs.update 1 '{"hosts": ["10.0.0.8", "${IP}"]}'`)).code).toBe(0);
    const other = await setup('plan', '--ghettovcb', STAND_IN);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/10\.0\.0\.20 is already in the export of \/mnt\/UniventionBackup\/ESXI_VM_backups\/ESXI_10\.0\.0\.8/);
    expect((await run(nas, `midclt call sharing.nfs.update 1 '{"hosts": ["10.0.0.8"]}'`)).code).toBe(0);
    // A NAS with no backups dataset: esxi-08's export moved for a moment onto the pool itself, so no ESXI_… dataset is
    // shared from under one, and none is named.
    const esxi08 = '/mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8';
    expect((await run(nas, `midclt call sharing.nfs.update 1 '{"path": "/mnt/UniventionBackup"}'`)).code).toBe(0);
    try {
      const noDataset = await setup('plan', '--ghettovcb', STAND_IN);
      expect(noDataset.code).toBe(1);
      expect(noDataset.err).toMatch(/The NAS has no backups dataset to put the host’s dataset under \(ESXI_10\.0\.0\.20\)\. Create it on the NAS, or name an existing one with --dataset/);
    } finally {
      expect((await run(nas, `midclt call sharing.nfs.update 1 '{"path": "${esxi08}"}'`)).code).toBe(0);
    }
    expect(await world()).toEqual(before);
  });

  it('plans every page with its commands, changing nothing', async () => {
    const before = await world();
    const r = await setup('plan', '--ghettovcb', STAND_IN, '--json');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.out) as { pages: Array<{ page: string; status: string }>; changes: number; summary: Record<string, string> };
    expect(view.pages.map((p) => `${p.page}:${p.status}`)).toEqual(['share:change', 'mount:change', 'install:change', 'conf:change', 'schedule:change']);
    // 04:30 is esxi-08's, on the same NAS: the new host is staggered to the next half hour.
    expect(view.summary).toMatchObject({ time: '05:00', schedule: 'host', dataset: DATASET, volume: `VM_backup_${IP}`, rotation: 3 });
    expect(await world()).toEqual(before);
  });

  it('sets the host up end to end, and planning again finds everything done', async () => {
    const r = await setup('apply', '--ghettovcb', STAND_IN, '--reason', 'new host esxi-20', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const share = readNasState(site.lab.nasStatePath).shares.find((s) => s.path === SHARE)!;
    expect(share).toMatchObject({ hosts: [IP], networks: [], maproot_user: 'root', ro: false });
    expect((await host('esxcli storage nfs41 list')).stdout).toMatch(new RegExp(`VM_backup_${IP.replace(/\./g, '\\.')}\\s+10\\.0\\.0\\.50\\s+${SHARE.replace(/\//g, '\\/')}`));
    const sha = createHash('sha256').update(readFileSync(STAND_IN)).digest('hex');
    expect((await host('sha256sum /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh')).stdout.slice(0, 64)).toBe(sha);
    const conf = (await host('cat /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf')).stdout;
    expect(conf).toContain(`VM_BACKUP_VOLUME=/vmfs/volumes/VM_backup_${IP}\n`);
    expect(conf).toContain('VM_BACKUP_ROTATION_COUNT=3\n');
    expect(conf).toContain('ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0\n');
    expect(conf).toContain('DISK_BACKUP_FORMAT=thin\n');
    const line = `0 5 * * * /bin/sh /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf -l /vmfs/volumes/VM_backup_${IP}/ghettoVCB-$(date +\\%s).log > /dev/null 2>&1`;
    expect(await cronLines()).toEqual([line]);
    expect((await host('cat /etc/rc.local.d/local.sh')).stdout).toContain('# Custode: ghettoVCB schedule');
    const again = await setup('plan', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ changes: 0, plan: null });
    const audit = await site.cli.run(['audit', 'list', '--json']);
    expect(audit.out).toContain('new host esxi-20');
  });

  it('lists the VMs in a dry run', async () => {
    const r = await setup('dryrun', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { vms: Array<{ name: string; disks: unknown[] }> };
    expect(result.vms.map((v) => v.name).sort()).toEqual(['aula-app', 'aula-dc01', 'aula-files']);
    expect(result.vms.every((v) => v.disks.length > 0)).toBe(true);
  });

  it('keeps the schedule across a reboot, and the clock runs it onto the share', async () => {
    const line = (await cronLines())[0]!;
    await site.lab.reboot('esxi-20');
    expect(await cronLines()).toEqual([line]);
    expect(JSON.parse((await setup('plan', '--json')).out)).toMatchObject({ changes: 0 });
    const before = readdirSync(shareDir()).filter((f) => f.endsWith('.log'));
    // 25 h hold one 05:00 or two, by the time of day the test runs at: the lab's own cron reading says which.
    const due = dueInNext(25 * 3600, 5, 0, 'host');
    expect(due.length).toBeGreaterThanOrEqual(1);
    const advanced = await site.lab.advanceClock('25h');
    const fired = advanced.fired.filter((f) => f.host === 'esxi-20');
    expect(fired.map((f) => new Date(f.at * 1000).toISOString().slice(11, 16))).toEqual(due);
    const logs = readdirSync(shareDir()).filter((f) => f.endsWith('.log') && !before.includes(f));
    expect(logs).toHaveLength(due.length);
    expect(readFileSync(join(shareDir(), logs[0]!), 'utf8')).toMatch(/Final status: /);
  });

  it('removes the setup and leaves the copies on the share untouched', async () => {
    const copies = tree(shareDir());
    expect(Object.keys(copies).length).toBeGreaterThan(1);
    const planned = await setup('remove');
    expect(planned.code).toBe(0);
    expect(planned.out).toContain('sharing.nfs.delete');
    expect(await cronLines()).toHaveLength(1);
    const r = await setup('remove', '--reason', 'host retired', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await cronLines()).toEqual([]);
    expect((await host('cat /etc/rc.local.d/local.sh')).stdout).not.toContain('ghettoVCB');
    expect((await host('esxcli storage nfs41 list')).stdout).not.toContain(`VM_backup_${IP}`);
    expect(readNasState(site.lab.nasStatePath).shares.map((s) => s.path)).not.toContain(SHARE);
    expect(tree(shareDir())).toEqual(copies);
    expect(readNasState(site.lab.nasStatePath).datasets.map((d) => d.name)).toContain(DATASET);
  });

  it('with Secure Boot, has the NAS start the run over SSH and leaves the host no line of its own', async () => {
    await site.lab.fault('esxi-20', 'secure-boot', 'on');
    const refused = await setup('plan', '--schedule', 'host');
    expect(refused.err).toMatch(/boots with Secure Boot: local\.sh never runs/);
    const r = await setup('apply', '--time', '02:15', '--reason', 'Secure Boot host', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Secure Boot: ESXi does not run local\.sh/);
    expect(await cronLines()).toEqual([]);
    const jobs = readNasState(site.lab.nasStatePath).cronJobs ?? [];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ user: 'root', enabled: true, schedule: { minute: '15', hour: '2' }, description: `Custode: ghettoVCB on ESXi ${IP}` });
    const keys = (await host('cat /etc/ssh/keys-root/authorized_keys')).stdout;
    expect(keys).toMatch(/^command="\/bin\/sh \/vmfs\/volumes\/datastore1\/ghettoVCB\/ghettoVCB\.sh -a -g .* -l \/vmfs\/volumes\/VM_backup_10\.0\.0\.20\/ghettoVCB-\$\(date \+%s\)\.log",no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty ecdsa-sha2-nistp256 \S+ custode-nas-schedule-10\.0\.0\.20$/m);
    expect(JSON.parse((await setup('plan', '--json')).out)).toMatchObject({ changes: 0 });
    await site.lab.reboot('esxi-20');
    expect(await cronLines()).toEqual([]);
    expect(JSON.parse((await setup('plan', '--json')).out)).toMatchObject({ changes: 0 });
    const before = readdirSync(shareDir()).filter((f) => f.endsWith('.log'));
    const due = dueInNext(25 * 3600, 2, 15, 'nas');
    expect(due.length).toBeGreaterThanOrEqual(1);
    const advanced = await site.lab.advanceClock('25h');
    const nasRuns = advanced.fired.filter((f) => f.host === 'truenas' && f.job.includes('custode-esxi-10.0.0.20'));
    // The job's exit is ghettoVCB's own over SSH: 5, as aula-app has a snapshot and aula-files an independent disk.
    expect(nasRuns.map((f) => [new Date(f.at * 1000).toISOString().slice(11, 16), f.code])).toEqual(due.map((t) => [t, 5]));
    expect(nasRuns[0]!.stdout).toContain('Final status: ERROR: Only some of the VMs backed up');
    expect(advanced.fired.filter((f) => f.host === 'esxi-20')).toEqual([]);
    const logs = readdirSync(shareDir()).filter((f) => f.endsWith('.log') && !before.includes(f));
    expect(logs).toHaveLength(due.length);
    expect(readFileSync(join(shareDir(), logs[0]!), 'utf8')).toMatch(/Final status: /);
  });
});
