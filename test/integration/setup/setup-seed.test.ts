// Editing an adopted host with `custode setup` on the seed lab: the site's own line on esxi-08 is taken as already
// done; moving it to 05:00 with rotation 4 keeps dated copies of the old crontab and conf beside the new ones, and
// the other four hosts' crontabs, local.sh and confs stay byte for byte as they were.
import { describe, expect, it } from 'vitest';
import { labSkip } from '../backup/cli-session.ts';
import { run } from '../lab/ssh-client.ts';
import { useSetupLab } from './setup-session.ts';

const skip = labSkip();
if (skip !== null) console.log(`skipping setup seed tests: ${skip}`);
const STATE = '/var/tmp/custode-lab-setup-seed';
const HOSTS = ['esxi-02', 'esxi-06', 'esxi-07', 'esxi-08', 'esxi-12'];
const DIR = '/vmfs/volumes/datastore1/ghettoVCB';
const FILES = `/var/spool/cron/crontabs/root /etc/rc.local.d/local.sh ${DIR}/ghettoVCB.conf /etc/ssh/keys-root/authorized_keys`;

describe.skipIf(skip !== null)('editing the adopted seed host esxi-08', { timeout: 600_000 }, () => {
  const site = useSetupLab({ topology: 'seed', stateDir: STATE, seedHistory: false }, ['truenas', ...HOSTS]);
  const on = (name: string, command: string) => run(site.lab.host(name), command);
  const files = async (name: string) => (await on(name, `for f in ${FILES}; do echo "== $f"; cat "$f"; done; ls ${DIR}`)).stdout;


  it('finds the site’s own setup already done', async () => {
    const r = await site.cli.run(['setup', 'plan', 'esxi-08', '--nas', 'truenas', '--json']);
    expect(r.err).toBe('');
    const view = JSON.parse(r.out) as { changes: number; pages: Array<{ status: string }>; summary: Record<string, unknown> };
    expect(view.pages.map((p) => p.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(view.summary).toMatchObject({ time: '04:30', rotation: 3, schedule: 'host' });
  });

  it('moves it to 05:00 with rotation 4, keeping dated copies, the other hosts untouched', async () => {
    const others = HOSTS.filter((h) => h !== 'esxi-08');
    const before = Object.fromEntries(await Promise.all(others.map(async (h) => [h, await files(h)] as const)));
    const oldCrontab = (await on('esxi-08', 'cat /var/spool/cron/crontabs/root')).stdout;
    const oldConf = (await on('esxi-08', `cat ${DIR}/ghettoVCB.conf`)).stdout;
    const r = await site.cli.run(['setup', 'apply', 'esxi-08', '--nas', 'truenas', '--time', '05:00', '--rotation', '4', '--reason', 'stagger esxi-08', '--yes']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('- VM_BACKUP_ROTATION_COUNT=3');
    expect(r.out).toContain('+ VM_BACKUP_ROTATION_COUNT=4');
    const listing = (await on('esxi-08', `ls ${DIR}`)).stdout.split('\n');
    const crontabCopy = listing.find((f) => /^crontab-root\.custode-\d{8}-\d{6}-\d{3}$/.test(f));
    const confCopy = listing.find((f) => /^ghettoVCB\.conf\.custode-\d{8}-\d{6}-\d{3}$/.test(f));
    expect(crontabCopy).toBeDefined();
    expect(confCopy).toBeDefined();
    expect((await on('esxi-08', `cat ${DIR}/${crontabCopy}`)).stdout).toBe(oldCrontab);
    expect((await on('esxi-08', `cat ${DIR}/${confCopy}`)).stdout).toBe(oldConf);
    const conf = (await on('esxi-08', `cat ${DIR}/ghettoVCB.conf`)).stdout;
    expect(conf).toBe(oldConf.replace('VM_BACKUP_ROTATION_COUNT=3', 'VM_BACKUP_ROTATION_COUNT=4'));
    const lines = (await on('esxi-08', 'cat /var/spool/cron/crontabs/root')).stdout.split('\n').filter((l) => l.includes('ghettoVCB'));
    expect(lines).toEqual([`0 5 * * * /bin/sh ${DIR}/ghettoVCB.sh -a -g ${DIR}/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log > /dev/null 2>&1`]);
    for (const h of others) expect(await files(h), h).toBe(before[h]);
    expect(JSON.parse((await site.cli.run(['setup', 'plan', 'esxi-08', '--nas', 'truenas', '--json'])).out)).toMatchObject({ changes: 0 });
    await site.lab.reboot('esxi-08');
    expect((await on('esxi-08', 'cat /var/spool/cron/crontabs/root')).stdout.split('\n').filter((l) => l.includes('ghettoVCB'))).toEqual(lines);
  });
});
