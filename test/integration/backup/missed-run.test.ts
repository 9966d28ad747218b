import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryRun, MissedRunAlert } from '../../../shared/model/backup-history.ts';
import { labSkip, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup missed run] skipped: ${skip}`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The lab host's crontab holds the site's line, every day at 04:30 UTC (product.md). */
const SCHEDULE = '30 4 * * *';

/** The newest 04:30 UTC whose two hours of grace have run out by `now`. */
function lastDueBefore(now: number): number {
  const limit = now - 2 * HOUR;
  const d = new Date(limit);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 4, 30);
  return today <= limit ? today : today - DAY;
}

describe.skipIf(skip !== null)('missed scheduled runs against the small lab', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-missed');
  const alerts = async (): Promise<{ code: number; alerts: MissedRunAlert[] }> => {
    const r = await site.cli.run(['backup', 'alerts', '--json']);
    return { code: r.code, alerts: JSON.parse(r.out) as MissedRunAlert[] };
  };
  const logsOnShare = (): string[] => readdirSync(site.shareDir()).filter((n) => /^ghettoVCB-.*\.log$/.test(n));

  it('a host whose 04:30 run left no log on the share by 04:30 + 2 h shows the alert, in the list too (it/en)', async () => {
    // The small lab has no history: its cron never ran.
    expect(logsOnShare()).toEqual([]);
    const before = Date.now();
    const { code, alerts: found } = await alerts();
    const after = Date.now();
    expect(code).toBe(1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ host: 'esxi-08', graceMinutes: 120, lastLog: null, lastLogAt: null });
    expect(found[0]!.schedule.startsWith(`${SCHEDULE} `)).toBe(true);
    expect([lastDueBefore(before), lastDueBefore(after)]).toContain(found[0]!.expectedAt);

    const en = await site.cli.run(['backup', 'list']);
    expect(en.out).toContain('Missed scheduled runs (grace 120 minutes):');
    expect(en.out).toContain('esxi-08: the scheduled run of');
    const italian = await site.cli.run(['backup', 'list'], 'it');
    expect(italian.out).toContain('Backup pianificati mancati (tolleranza 120 minuti):');
    expect(italian.out).toContain('esxi-08: il backup pianificato del ');
  });

  it('once the lab clock passes 04:30 and cron ran, the alert is gone and the scheduled run is in the history, verified', async () => {
    const advanced = await site.lab.advanceClock('25h');
    const fired = advanced.fired.filter((f) => f.host === 'esxi-08' && f.job.includes('ghettoVCB.sh'));
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired.every((f) => new Date(f.at * 1000).toISOString().slice(11, 16) === '04:30')).toBe(true);
    const logs = logsOnShare();
    expect(logs).toHaveLength(fired.length);

    // The share is read again (as the app does on each refresh).
    expect((await site.cli.run(['fleet', 'status', '--json'])).code).toBe(0);
    expect(await alerts()).toEqual({ code: 0, alerts: [] });

    const verified = await site.cli.run(['backup', 'verify', 'esxi-08', '--json']);
    expect(verified.err).toBe('');
    const [run] = JSON.parse(verified.out) as HistoryRun[];
    const newest = logs.sort().at(-1)!;
    expect(run).toMatchObject({ origin: 'cron', startedBy: 'cron', hostName: 'esxi-08', logPath: `/vmfs/volumes/VM_backup_10.0.0.8/${newest}` });
    // The run started at the lab's 04:30 (its log's first line), and each VM it copied was verified.
    expect(new Date(run!.startedAt).toISOString().slice(11, 16)).toBe('04:30');
    const copied = run!.verify!.vms.filter((v) => v.verdict !== 'noCopy');
    expect(copied.map((v) => v.vm).sort()).toEqual(['archivio-2019', 'segreteria app', 'segreteria-dc01']);
    expect(copied.every((v) => v.verdict === 'verified' && v.status === 'ok' && v.rotation === 3)).toBe(true);
    for (const v of copied) expect(readdirSync(`${site.shareDir()}/${v.vm}`)).toContain(v.copy!.split('/').pop());
    // The stdout capture holds no clone lines: the disks come from each VM's .vmx, their sizes from topology.ts.
    const GIB = 1024 ** 3;
    const sizes = Object.fromEntries(copied.map((v) => [v.vm, v.disks.map((d) => [d.sourceBytes, d.copyBytes, d.fileBytes])]));
    expect(sizes).toEqual({ 'segreteria-dc01': [[100 * GIB, 100 * GIB, 100 * GIB]], 'segreteria app': [[60 * GIB, 60 * GIB, 60 * GIB]], 'archivio-2019': [[40 * GIB, 40 * GIB, 40 * GIB]] });
    expect(copied.flatMap((v) => v.checks).filter((c) => c.verdict !== 'go')).toEqual([]);

    // Seen once: verifying again finds nothing new, and the list names the schedule as who started it.
    expect(JSON.parse((await site.cli.run(['backup', 'verify', 'esxi-08', '--json'])).out)).toEqual([]);
    const list = await site.cli.run(['backup', 'list', '--host', 'esxi-08']);
    expect(list.out).toContain('No scheduled run is missing (grace 120 minutes).');
    expect(list.out).toMatch(/esxi-08 {2}schedule {2}all VMs {2}ended/);
  });
});
