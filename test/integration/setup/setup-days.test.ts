// `custode setup` with days of the week and VM exclusions on the bare lab's esxi-20: the cron line runs on the days
// asked and names ghettoVCB's exclusion file (`-e`), which holds exactly the excluded names; the dry run shows them
// excluded; planning again plans nothing; an edit keeps a dated copy; the NAS-driven job carries the days too; the
// removal sets the file aside. Bad days and unexpressible names are refused with nothing changed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNasState } from '../../lab/nas/state.ts';
import { labSkip } from '../backup/cli-session.ts';
import { useSetupLab } from './setup-session.ts';
import { run } from '../lab/ssh-client.ts';

const skip = labSkip();
if (skip !== null) console.log(`skipping setup days tests: ${skip}`);
const STATE = '/var/tmp/custode-lab-setup-days';
const STAND_IN = process.env['GHETTOVCB_SH'] ?? join(import.meta.dirname, '..', '..', 'lab', 'ghettovcb', 'ghettoVCB.sh');
const DIR = '/vmfs/volumes/datastore1/ghettoVCB';
const EXCLUDE = `${DIR}/ghettoVCB-exclude.txt`;

describe.skipIf(skip !== null)('the schedule’s days and the VMs it leaves out, on esxi-20', { timeout: 600_000 }, () => {
  const site = useSetupLab({ topology: 'bare', stateDir: STATE }, ['truenas', 'esxi-08', 'esxi-20']);
  const setup = (verb: string, ...extra: string[]) => site.cli.run(['setup', verb, 'esxi-20', '--nas', 'truenas', ...extra]);
  const host = async (command: string) => (await run(site.lab.host('esxi-20'), command)).stdout;
  const cronLines = async () => (await host('cat /var/spool/cron/crontabs/root')).split('\n').filter((l) => l.includes('ghettoVCB'));
  const world = async () => ({
    nas: JSON.stringify({ ...readNasState(site.lab.nasStatePath), clockOffset: 0, scheduledUntil: 0 }),
    host: await host('cat /var/spool/cron/crontabs/root /etc/rc.local.d/local.sh; ls -R /vmfs/volumes/datastore1/ghettoVCB 2>&1; esxcli storage nfs41 list'),
  });

  it('refuses days that are none and names the file cannot hold, changing nothing', async () => {
    const before = await world();
    const cases: Array<[string[], RegExp]> = [
      [['--days', '25:70'], /Not days of the week: 25:70\. Write daily, day names separated by commas/],
      [['--days', 'mon,8'], /Not days of the week: mon,8/],
      [['--days', ''], /Not days of the week/],
      [['--exclude', 'a\nb'], /holds a line break: ghettoVCB’s exclusion file has one name per line/],
      [['--exclude', 'db (old)'], /reads an excluded name as a pattern, and db \(old\) does not match itself/],
      [['--exclude', 'aula-app', '--no-exclude'], /--exclude VM \(repeatable\) or --no-exclude, not both/],
    ];
    for (const [flags, message] of cases) {
      const r = await setup('apply', '--ghettovcb', STAND_IN, ...flags, '--reason', 'bad input', '--yes');
      expect(r.code, flags.join(' ')).not.toBe(0);
      expect(r.err, flags.join(' ')).toMatch(message);
    }
    const it = await site.cli.run(['setup', 'plan', 'esxi-20', '--nas', 'truenas', '--days', 'lunedì'], 'it');
    expect(it.err).toMatch(/Non sono giorni della settimana: lunedì\. Scrivi ogni-giorno \(o daily\), nomi di giorni separati da virgole \(lun,mer,ven\)/);
    expect(await world()).toEqual(before);
  });

  it('runs on Monday, Wednesday and Friday without the excluded VM, and planning again finds everything done', async () => {
    const plan = await setup('plan', '--ghettovcb', STAND_IN, '--days', 'mon,wed,fri', '--exclude', 'aula-files', '--exclude', 'aula-new', '--json');
    expect(plan.code).toBe(0);
    const view = JSON.parse(plan.out) as { pages: Array<{ page: string; notes: Array<{ key: string; params: Record<string, string> }> }>; summary: Record<string, unknown> };
    expect(view.summary).toMatchObject({ days: 'mon,wed,fri', exclude: 'aula-files, aula-new' });
    // aula-new is no VM of the host: a warning, not a refusal.
    expect(view.pages.find((p) => p.page === 'schedule')!.notes).toContainEqual({ key: 'setup.exclude.unknownVm', params: { vm: 'aula-new' } });
    const r = await setup('apply', '--ghettovcb', STAND_IN, '--days', 'mon,wed,fri', '--exclude', 'aula-files', '--reason', 'three days a week', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await cronLines()).toEqual([
      `0 5 * * 1,3,5 /bin/sh ${DIR}/ghettoVCB.sh -a -e ${EXCLUDE} -g ${DIR}/ghettoVCB.conf -l /vmfs/volumes/VM_backup_10.0.0.20/ghettoVCB-$(date +\\%s).log > /dev/null 2>&1`,
    ]);
    expect(await host(`cat ${EXCLUDE}`)).toBe('aula-files\n');
    expect(await host('cat /etc/rc.local.d/local.sh')).toContain(' * * 1,3,5 /bin/sh ');
    const again = await setup('plan', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ changes: 0, plan: null, summary: { days: 'mon,wed,fri', exclude: 'aula-files' } });
    const same = await setup('plan', '--days', 'wed,fri,mon', '--exclude', 'aula-files', '--json');
    expect(JSON.parse(same.out)).toMatchObject({ changes: 0 });
  });

  it('shows the excluded VM as excluded in the dry run', async () => {
    const r = await setup('dryrun', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { vms: Array<{ name: string; outcome: string; disks: unknown[] }> };
    expect(result.vms.map((v) => [v.name, v.outcome === 'excluded']).sort()).toEqual([
      ['aula-app', false],
      ['aula-dc01', false],
      ['aula-files', true],
    ]);
    expect(result.vms.filter((v) => v.outcome !== 'excluded').every((v) => v.disks.length > 0)).toBe(true);
    const text = await setup('dryrun');
    expect(text.out).toMatch(/aula-files.*Excluded/);
  });

  it('an edit of the days and the list keeps dated copies of the old files', async () => {
    const r = await setup('apply', '--days', 'mon-fri', '--exclude', 'aula-files', '--exclude', 'aula-dc01', '--reason', 'weekdays', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await cronLines())[0]).toMatch(/^0 5 \* \* 1-5 \/bin\/sh .* -e /);
    expect(await host(`cat ${EXCLUDE}`)).toBe('aula-files\naula-dc01\n');
    const copies = (await host(`ls ${DIR}`)).split('\n');
    expect(copies.filter((f) => f.startsWith('ghettoVCB-exclude.txt.custode-'))).toHaveLength(1);
    expect(copies.filter((f) => f.startsWith('crontab-root.custode-')).length).toBeGreaterThanOrEqual(1);
    const old = copies.find((f) => f.startsWith('ghettoVCB-exclude.txt.custode-'))!;
    expect(await host(`cat ${DIR}/${old}`)).toBe('aula-files\n');
    const cleared = await setup('apply', '--no-exclude', '--reason', 'back up every VM', '--yes');
    expect(cleared.err).toBe('');
    expect((await cronLines())[0]).not.toContain(' -e ');
    expect(await host(`test -e ${EXCLUDE} && echo present || echo gone`)).toBe('gone\n');
    expect(JSON.parse((await setup('plan', '--json')).out)).toMatchObject({ changes: 0, summary: { days: 'mon-fri', exclude: null } });
  });

  it('gives the NAS-driven job the same days, and the removal sets the exclusion file aside', async () => {
    await site.lab.fault('esxi-20', 'secure-boot', 'on');
    const r = await setup('apply', '--days', 'sat,sun', '--exclude', 'aula-app', '--reason', 'weekends from the NAS', '--yes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const job = (readNasState(site.lab.nasStatePath).cronJobs ?? []).find((j) => j.description === 'Custode: ghettoVCB on ESXi 10.0.0.20');
    expect(job?.schedule).toMatchObject({ minute: '0', hour: '5', dow: '0,6' });
    expect(await host('cat /etc/ssh/keys-root/authorized_keys')).toContain(` -a -e ${EXCLUDE} -g `);
    expect(JSON.parse((await setup('plan', '--json')).out)).toMatchObject({ changes: 0, summary: { days: 'sun,sat', exclude: 'aula-app' } });
    const removed = await setup('remove', '--reason', 'host retired', '--yes');
    expect(removed.err).toBe('');
    expect(removed.code).toBe(0);
    expect(await host(`test -e ${EXCLUDE} && echo present || echo gone`)).toBe('gone\n');
    expect((await host(`ls ${DIR}`)).split('\n').filter((f) => f.startsWith('ghettoVCB-exclude.txt.custode-')).length).toBeGreaterThanOrEqual(1);
  });
});
