// The bare topology: esxi-20 has nothing of the backups (no ghettoVCB, no NFS mount, no cron line, no share on the
// NAS) while esxi-08 is set up as the site has it; Secure Boot chosen at `up` keeps local.sh from running at reboot;
// the NAS's cron jobs (cronjob.*) are kept with the middleware's field names and run when the lab's clock passes them.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/api.ts';
import { readHostState } from '../../lab/esxi/state.ts';
import { dueTimes, parseCronSchedule } from '../../lab/cron-schedule.ts';
import { nasNow, readNasState } from '../../lab/nas/state.ts';
import { canRunLab, freshStateDir, skipReason } from './lab-state-dir.ts';
import { run } from './ssh-client.ts';

if (!canRunLab) console.log(`skipping bare host lab tests: ${skipReason}`);

describe.skipIf(!canRunLab)('the bare topology and the NAS cron jobs', { timeout: 300_000 }, () => {
  let lab: Lab;
  const stateDir = freshStateDir();

  beforeAll(async () => {
    lab = await startLab({ topology: 'bare', stateDir, secureBoot: ['esxi-20'], execInstalledOnly: { 'esxi-20': false } });
  }, 300_000);
  afterAll(async () => {
    await lab?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('leaves esxi-20 with no mount, no ghettoVCB, no cron line and no share, esxi-08 as the site has it', async () => {
    const bare = lab.host('esxi-20');
    const mounts = await run(bare, 'esxcli storage nfs41 list; esxcli storage nfs list');
    expect(mounts.stdout).not.toContain('VM_backup');
    const files = await run(bare, 'ls /vmfs/volumes/datastore1; cat /var/spool/cron/crontabs/root; /usr/lib/vmware/secureboot/bin/secureBoot.py -s');
    expect(files.stdout).not.toContain('ghettoVCB');
    expect(files.stdout).toContain('Enabled');
    expect(readHostState(bare.hostFs).advanced.execInstalledOnly).toBe(0);
    const nas = readNasState(lab.nasStatePath);
    expect(nas.shares.map((s) => s.hosts).flat()).toEqual(['10.0.0.8']);
    expect(nas.datasets.map((d) => d.name)).not.toContain('UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.20');
    const site = await run(lab.host('esxi-08'), 'cat /var/spool/cron/crontabs/root; esxcli storage nfs41 list');
    expect(site.stdout).toContain('ghettoVCB.sh');
    expect(site.stdout).toContain('VM_backup_10.0.0.8');
  });

  it('reboots a Secure Boot host without running local.sh, and clears the crontab edits', async () => {
    const bare = lab.host('esxi-20');
    const line = '0 3 * * * /bin/echo from-local-sh';
    const edit = await run(
      bare,
      `printf '#!/bin/sh\\n/bin/echo "${line}" >> /var/spool/cron/crontabs/root\\nexit 0\\n' > /etc/rc.local.d/local.sh && /sbin/auto-backup.sh >/dev/null && echo '1 2 * * * /bin/echo live-edit' >> /var/spool/cron/crontabs/root`,
    );
    expect(edit.code).toBe(0);
    await lab.reboot('esxi-20');
    const after = await run(lab.host('esxi-20'), 'cat /var/spool/cron/crontabs/root; cat /etc/rc.local.d/local.sh');
    expect(after.stdout).not.toContain('live-edit');
    expect(after.stdout).toContain('from-local-sh'); // still in local.sh, which was saved …
    expect(after.stdout.split('\n').filter((l) => l === line)).toEqual([]); // … and not run
    await lab.fault('esxi-20', 'secure-boot', 'off');
    await lab.reboot('esxi-20');
    const off = await run(lab.host('esxi-20'), 'cat /var/spool/cron/crontabs/root');
    expect(off.stdout.split('\n').filter((l) => l === line)).toHaveLength(1);
  });

  it('keeps cron jobs with the middleware’s fields, refuses bad ones, and runs a due one when the clock passes it', async () => {
    const nas = lab.host('truenas');
    const bad = await run(nas, `midclt call cronjob.create '{"user": "nobody-here", "command": ""}'`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cron_job_create.user');
    expect(bad.stderr).toContain('cron_job_create.command');
    const job = { user: 'root', command: 'date -u +%H:%M > /root/fired.txt', description: 'lab test', enabled: true, stdout: true, stderr: false, schedule: { minute: '15', hour: '2', dom: '*', month: '*', dow: '*' } };
    const created = await run(nas, `midclt call cronjob.create '${JSON.stringify(job)}'`);
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: number }).id;
    const listed = JSON.parse((await run(nas, `midclt call cronjob.query '[["id", "=", ${id}]]'`)).stdout) as Array<Record<string, unknown>>;
    expect(listed).toEqual([{ id, ...job }]);
    const fired = join(nas.hostFs, 'root', 'fired.txt');
    expect(existsSync(fired)).toBe(false);
    // 25 h hold one 02:15 or two, by the time of day the test runs at: as many runs, each at 02:15.
    const state = readNasState(lab.nasStatePath);
    const from = state.scheduledUntil ?? nasNow(state);
    const due = dueTimes(parseCronSchedule(['15', '2', '*', '*', '*']), from, from + 25 * 3600);
    const result = await lab.advanceClock('25h');
    const ran = result.fired.filter((f) => f.host === 'truenas' && f.job.startsWith(`cron job ${id}:`));
    expect(ran.map((f) => f.at)).toEqual(due);
    expect(ran.map((f) => new Date(f.at * 1000).toISOString().slice(11, 16))).toEqual(due.map(() => '02:15'));
    expect(readFileSync(fired, 'utf8')).toMatch(/^\d\d:\d\d\n$/);
    const disabled = await run(nas, `midclt call cronjob.update ${id} '{"enabled": false}'`);
    expect(disabled.code).toBe(0);
    expect((await lab.advanceClock('25h')).fired.filter((f) => f.job.startsWith(`cron job ${id}:`))).toEqual([]);
    expect((await run(nas, `midclt call cronjob.delete ${id}`)).code).toBe(0);
    expect((await run(nas, `midclt call cronjob.query '[["id", "=", ${id}]]'`)).stdout.trim()).toBe('[]');
  });
});
