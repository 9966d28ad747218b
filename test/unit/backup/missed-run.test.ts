import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { AlertSettings } from '../../../electron/core/backup/alert-settings.ts';
import { missedRun, scheduleEvidence, type ScheduleEvidence } from '../../../electron/core/backup/missed-run.ts';
import { migrate } from '../../../electron/core/catalog/database.ts';
import type { EsxiFacts } from '../../../electron/core/fleet/esxi-facts.ts';

// The site's line (product.md): every day at 04:30 UTC, stdout captured in a log named for the epoch second.
const CRONTAB = '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a -g /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf > /vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-$(date +\\%s).log\n';
const at = (iso: string): number => Date.parse(iso);
const evidence = (lastLogStart: string | null, checkedAt: string): ScheduleEvidence => ({
  hostId: 'h1',
  host: 'esxi-08',
  crontab: CRONTAB,
  lastLog: lastLogStart === null ? null : { path: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-1.log', startedAt: at(lastLogStart), mtimeMs: at(lastLogStart) + 600_000 },
  checkedAt: at(checkedAt),
  clockOffsetMs: null,
});
const HOUR = 3_600_000;

describe('missed scheduled runs', () => {
  it('alerts only once 04:30 + the grace has passed without a log begun since', () => {
    // Yesterday's run left its log; today's 04:30 still has one minute of its two hours.
    expect(missedRun(evidence('2026-12-06T04:30:05Z', '2026-12-07T06:29:00Z'), at('2026-12-07T06:29:00Z'), 120)).toBeNull();
    const missed = missedRun(evidence('2026-12-06T04:30:05Z', '2026-12-07T06:31:00Z'), at('2026-12-07T06:31:00Z'), 120);
    expect(missed).toMatchObject({ host: 'esxi-08', expectedAt: at('2026-12-07T04:30:00Z'), graceMinutes: 120, lastLogAt: at('2026-12-06T04:30:05Z') });
    expect(missed!.schedule).toBe(CRONTAB.trim());
    // Three hours of grace: at 06:31 today's run may still come.
    expect(missedRun(evidence('2026-12-06T04:30:05Z', '2026-12-07T06:31:00Z'), at('2026-12-07T06:31:00Z'), 180)).toBeNull();
    // Today's log is there.
    expect(missedRun(evidence('2026-12-07T04:30:02Z', '2026-12-07T09:00:00Z'), at('2026-12-07T09:00:00Z'), 120)).toBeNull();
    // Never a log at all.
    expect(missedRun(evidence(null, '2026-12-07T09:00:00Z'), at('2026-12-07T09:00:00Z'), 120)).toMatchObject({ expectedAt: at('2026-12-07T04:30:00Z'), lastLog: null });
  });

  it('says nothing when the share was last read before the grace ran out, or the host has no schedule', () => {
    expect(missedRun(evidence('2026-12-06T04:30:05Z', '2026-12-07T05:00:00Z'), at('2026-12-07T09:00:00Z'), 120)).toBeNull();
    expect(missedRun({ ...evidence(null, '2026-12-07T09:00:00Z'), crontab: '0 1 * * * /sbin/auto-backup.sh\n' }, at('2026-12-07T09:00:00Z'), 120)).toBeNull();
  });

  it('does not take a log of a run Custode started for the schedule’s', () => {
    const facts = {
      crontab: CRONTAB,
      lastLog: { path: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-custode-20261207-101500-ab12cd34.log', startedAt: '2026-12-07 10:15:00', mtimeMs: at('2026-12-07T10:16:00Z') },
      volume: {
        path: '/vmfs/volumes/VM_backup_10.0.0.8',
        entries: [
          { path: 'ghettoVCB-1765002600.log', type: 'file', size: 5000, mtimeMs: at('2026-12-06T04:41:00Z') },
          { path: 'ghettoVCB-custode-20261207-101500-ab12cd34.log', type: 'file', size: 4000, mtimeMs: at('2026-12-07T10:16:00Z') },
          { path: 'segreteria-dc01', type: 'dir', size: 0, mtimeMs: at('2026-12-07T10:16:00Z') },
        ],
      },
    } as unknown as EsxiFacts;
    const e = scheduleEvidence('h1', 'esxi-08', facts, at('2026-12-07T11:00:00Z'));
    expect(e.lastLog).toEqual({ path: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-1765002600.log', startedAt: null, mtimeMs: at('2026-12-06T04:41:00Z') });
    expect(missedRun(e, at('2026-12-07T11:00:00Z'), 120)).toMatchObject({ expectedAt: at('2026-12-07T04:30:00Z') });
  });

  describe('on the host’s own clock (no NTP on the host)', () => {
    // 2 h behind: the host's 04:30 is 06:30 on Custode's clock, and its run is due by 08:30 there.
    const behind = (lastLogStart: string | null, checkedAt: string): ScheduleEvidence => ({ ...evidence(lastLogStart, checkedAt), clockOffsetMs: -2 * HOUR });
    // 2 h ahead: the host's 04:30 is 02:30 on Custode's clock, and its run is due by 04:30 there.
    const ahead = (lastLogStart: string | null, checkedAt: string): ScheduleEvidence => ({ ...evidence(lastLogStart, checkedAt), clockOffsetMs: 2 * HOUR });

    it('a host 2 h behind: no alarm at 04:30 + grace on Custode’s clock, when the host has only just reached its 04:30', () => {
      // 06:31 for Custode is 04:31 on the host: today's run has just begun; yesterday's log (host time) is the newest.
      expect(missedRun(behind('2026-12-06T04:30:05Z', '2026-12-07T06:31:00Z'), at('2026-12-07T06:31:00Z'), 120)).toBeNull();
      // At 08:31 for Custode (06:31 on the host) the run that began at the host's 04:30:05 is there: still nothing.
      expect(missedRun(behind('2026-12-07T04:30:05Z', '2026-12-07T08:31:00Z'), at('2026-12-07T08:31:00Z'), 120)).toBeNull();
      // The share read at 07:00 for Custode is 05:00 on the host, before the grace ran out there: no judgement yet.
      expect(missedRun(behind('2026-12-06T04:30:05Z', '2026-12-07T07:00:00Z'), at('2026-12-07T09:00:00Z'), 120)).toBeNull();
    });

    it('a host 2 h behind whose 04:30 run did not happen: the alarm names 06:30 on Custode’s clock', () => {
      const missed = missedRun(behind('2026-12-06T04:30:05Z', '2026-12-07T08:31:00Z'), at('2026-12-07T08:31:00Z'), 120);
      expect(missed).toMatchObject({
        expectedAt: at('2026-12-07T06:30:00Z'),
        // Yesterday's log began at 04:30:05 on the host, 06:30:05 on Custode's clock.
        lastLogAt: at('2026-12-06T06:30:05Z'),
        checkedAt: at('2026-12-07T08:31:00Z'),
        hostClockOffsetMs: -2 * HOUR,
      });
    });

    it('a host 2 h ahead whose 04:30 run did not happen: the alarm comes at 04:31 on Custode’s clock, naming 02:30', () => {
      // Custode's 04:31 is 06:31 on the host; taken as is, it would wait for 04:30 + 2 h on Custode's clock.
      expect(missedRun(ahead('2026-12-06T04:30:05Z', '2026-12-07T04:31:00Z'), at('2026-12-07T04:31:00Z'), 120)).toMatchObject({
        expectedAt: at('2026-12-07T02:30:00Z'),
        lastLogAt: at('2026-12-06T02:30:05Z'),
        hostClockOffsetMs: 2 * HOUR,
      });
      // One minute earlier the grace has not run out on the host's clock.
      expect(missedRun(ahead('2026-12-06T04:30:05Z', '2026-12-07T04:29:00Z'), at('2026-12-07T04:29:00Z'), 120)).toBeNull();
      // Its run did happen: the log began at the host's 04:30:05.
      expect(missedRun(ahead('2026-12-07T04:30:05Z', '2026-12-07T04:31:00Z'), at('2026-12-07T04:31:00Z'), 120)).toBeNull();
    });

    it('a log known only by its modification time (the NAS’s clock, taken as Custode’s) is moved onto the host’s', () => {
      // The host, 2 h ahead, ran at its 04:30 = 02:30 for Custode; the NAS stamped the log 02:41.
      const e: ScheduleEvidence = { ...ahead(null, '2026-12-07T05:00:00Z'), lastLog: { path: '/vmfs/volumes/VM_backup_10.0.0.8/ghettoVCB-1.log', startedAt: null, mtimeMs: at('2026-12-07T02:41:00Z') } };
      expect(missedRun(e, at('2026-12-07T05:00:00Z'), 120)).toBeNull();
      // The same log a day older: the alarm, with the log's time as the NAS stamped it.
      const old = { ...e, lastLog: { ...e.lastLog!, mtimeMs: at('2026-12-06T02:41:00Z') } };
      expect(missedRun(old, at('2026-12-07T05:00:00Z'), 120)).toMatchObject({ expectedAt: at('2026-12-07T02:30:00Z'), lastLogAt: at('2026-12-06T02:41:00Z') });
    });

    it('takes a host within 2 minutes as on time: its 04:30 stays 04:30', () => {
      const close: ScheduleEvidence = { ...evidence(null, '2026-12-07T09:00:00Z'), clockOffsetMs: -90_000 };
      expect(missedRun(close, at('2026-12-07T09:00:00Z'), 120)).toMatchObject({ expectedAt: at('2026-12-07T04:30:00Z'), hostClockOffsetMs: -90_000 });
    });

    it('takes the offset from the probe’s facts; facts stored before the clock was read leave the times as they are', () => {
      const facts = { crontab: CRONTAB, lastLog: null, volume: null } as unknown as EsxiFacts;
      expect(scheduleEvidence('h1', 'esxi-08', facts, 0).clockOffsetMs).toBeNull();
      expect(scheduleEvidence('h1', 'esxi-08', { ...facts, clock: { offsetMs: -2 * HOUR, precisionMs: 600 } }, 0).clockOffsetMs).toBe(-2 * HOUR);
    });
  });

  it('keeps the grace the user set (2 hours until then), and refuses one out of range', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    const settings = new AlertSettings(db);
    expect(settings.get()).toEqual({ graceMinutes: 120 });
    expect(settings.update({ graceMinutes: 45 })).toEqual({ graceMinutes: 45 });
    expect(new AlertSettings(db).get()).toEqual({ graceMinutes: 45 });
    expect(() => settings.update({ graceMinutes: -1 })).toThrow();
    db.prepare(`UPDATE settings SET value = '"soon"' WHERE key = 'backup.missedRunGraceMinutes'`).run();
    expect(settings.get()).toEqual({ graceMinutes: 120 });
  });
});
