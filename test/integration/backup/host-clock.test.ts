// A host whose clock is off (free ESXi without NTP): its cron fires on its own clock, so a missed run is judged on
// it. The small lab's esxi-08 is put 2 h behind (`lab clock set`), its schedule 90 minutes ago on Custode's clock;
// taken as read, Custode would call the run missed (its time plus 60 minutes of grace has passed and the newest log
// began before it); on the host's clock the time has not come yet.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { EsxiFacts } from '../../../electron/core/fleet/esxi-facts.ts';
import type { MissedRunAlert } from '../../../shared/model/backup-history.ts';
import { labSkip, useSmallLab } from './cli-session.ts';

const skip = labSkip();
if (skip) console.log(`[backup host clock] skipped: ${skip}`);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LOG_LINE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) -- info: =+ ghettoVCB LOG START/m;

describe.skipIf(skip !== null)('missed runs judged on the host’s own clock, against the small lab', { timeout: 300_000 }, () => {
  const site = useSmallLab('/var/tmp/custode-lab-backup-host-clock');
  const host = () => site.lab.host('esxi-08');
  const crontab = () => join(host().hostFs, 'var/spool/cron/crontabs/root');
  const logsOnShare = (): string[] => readdirSync(site.shareDir()).filter((n) => /^ghettoVCB-\d+\.log$/.test(n));
  const alerts = async (): Promise<{ code: number; alerts: MissedRunAlert[] }> => {
    const r = await site.cli.run(['backup', 'alerts', '--grace', '60', '--json']);
    return { code: r.code, alerts: JSON.parse(r.out) as MissedRunAlert[] };
  };
  /** The facts of esxi-08's last probe, as Custode stored them. */
  const storedFacts = (): EsxiFacts => {
    const db = new DatabaseSync(join(site.cli.home, 'custode.sqlite'), { readOnly: true });
    try {
      const rows = db.prepare('SELECT facts FROM fleet_probes WHERE facts IS NOT NULL').all() as Array<{ facts: string }>;
      return rows.map((r) => JSON.parse(r.facts) as EsxiFacts).find((f) => f.names?.hostName === 'esxi-08')!;
    } finally {
      db.close();
    }
  };
  /** The schedule's time: 90 minutes ago on Custode's clock, to the minute (cron's). */
  let scheduled = 0;

  it('a host 2 h behind whose run has not come on its clock: no alert, and the probe reads the offset', async () => {
    const set = await site.lab.setClock('esxi-08', '-2h');
    expect(set.offset).toBe(-2 * 3600);
    scheduled = Math.floor((Date.now() - 90 * MINUTE) / MINUTE) * MINUTE;
    const at = new Date(scheduled);
    const text = readFileSync(crontab(), 'utf8');
    expect(text).toContain('\n30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh');
    writeFileSync(crontab(), text.replace('\n30 4 * * * ', `\n${at.getUTCMinutes()} ${at.getUTCHours()} * * * `));

    // The host runs its line now, on its clock: the log's name ($(date +%s)) and first line carry its time.
    const before = Date.now();
    const runs = await site.lab.cron('esxi-08');
    const after = Date.now();
    expect(runs.map((r) => r.command)).toHaveLength(1);
    const [log] = logsOnShare();
    expect(log).toBeDefined();
    const named = Number(/^ghettoVCB-(\d+)\.log$/.exec(log!)![1]) * 1000;
    expect(named).toBeGreaterThanOrEqual(Math.floor((before - 2 * HOUR) / 1000) * 1000);
    expect(named).toBeLessThanOrEqual(after - 2 * HOUR);
    const first = LOG_LINE.exec(readFileSync(join(site.shareDir(), log!), 'utf8'));
    expect(first).not.toBeNull();
    const started = Date.parse(`${first![1]}T${first![2]}Z`);
    expect(started).toBeGreaterThanOrEqual(Math.floor((before - 2 * HOUR) / 1000) * 1000);
    expect(started).toBeLessThanOrEqual(after - 2 * HOUR);
    // Taken as read: the schedule fired 90 min ago, past 60 min of grace, and the log began 2 h ago, before it.
    expect(Date.now() - scheduled).toBeGreaterThan(60 * MINUTE);
    expect(started).toBeLessThan(scheduled - MINUTE);

    const probed = Date.now();
    const status = await site.cli.run(['fleet', 'status', '--json']);
    expect(status.code).toBe(0);
    const clock = storedFacts().clock!;
    expect(clock.precisionMs).toBeGreaterThanOrEqual(500);
    expect(clock.precisionMs).toBeLessThanOrEqual(500 + (Date.now() - probed) / 2);
    expect(Math.abs(clock.offsetMs - -2 * HOUR)).toBeLessThanOrEqual(clock.precisionMs);
    const view = JSON.parse(status.out) as { esxi: Array<{ host: { name: string }; findings: Array<{ code: string; params: Record<string, unknown> }> }> };
    const findings = view.esxi.find((s) => s.host.name === 'esxi-08')!.findings;
    expect(findings.find((f) => f.code === 'fleet.host.clockBehind')?.params).toEqual({ minutes: 120 });
    expect(findings.map((f) => f.code)).not.toContain('fleet.run.missed');

    expect(await alerts()).toEqual({ code: 0, alerts: [] });
  });

  it('the same host 2 h ahead: the run is due on its clock and missed, named at the true moment on Custode’s (it/en)', async () => {
    await site.lab.setClock('esxi-08', '+2h');
    expect((await site.cli.run(['fleet', 'status', '--json'])).code).toBe(0);
    const { offsetMs } = storedFacts().clock!;
    const { code, alerts: found } = await alerts();
    expect(code).toBe(1);
    expect(found).toHaveLength(1);
    // The host's clock reached the schedule's time 2 h before Custode's did (the offset taken to the minute).
    expect(found[0]).toMatchObject({ host: 'esxi-08', graceMinutes: 60, expectedAt: scheduled - 2 * HOUR, hostClockOffsetMs: offsetMs });

    const en = await site.cli.run(['backup', 'alerts', '--grace', '60']);
    expect(en.out).toContain('The host’s clock is 120 minutes ahead of Custode’s');
    const it = await site.cli.run(['backup', 'alerts', '--grace', '60'], 'it');
    expect(it.out).toContain('L’orologio dell’host è avanti di 120 minuti rispetto a quello di Custode');
  });
});
