import type { MissedRunAlert } from '../../../shared/model/backup-history.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import { clockCorrection } from '../../../shared/model/host-clock.ts';
import { lastFiring } from '../fleet/esxi-status.ts';
import { stampMs } from '../ghettovcb/log/stamp.ts';
import { scheduleLogs } from './scheduled-log.ts';

/**
 * A scheduled run that did not happen: the host's own cron line fired (on the host's clock, UTC) at least `grace`
 * ago, and the share holds no log of the schedule begun since. Judged from the host's last probe (no host is
 * contacted), and only when that probe read the share after the grace ran out: before then the run may still come.
 *
 * Judged on the host's clock, which may be far off Custode's (free ESXi often runs without NTP): Custode's times
 * (now, when the share was read) are moved onto it by the offset the probe read (`clockCorrection`). A log's first
 * line is already on it; a file's modification time is the NAS's clock, taken as Custode's (TrueNAS keeps NTP on).
 * A log's time is shown moved by the offset as it is now: one written before the host's clock was set is off by the
 * change.
 */
export interface ScheduleEvidence {
  hostId: string;
  host: string;
  crontab: string | null;
  /** The schedule's newest log on the share: its name, when it began (its first line), when it was last written. */
  lastLog: { path: string; startedAt: number | null; mtimeMs: number } | null;
  /** When the share was read. */
  checkedAt: number | null;
  /** The host's clock minus Custode's; null when unknown (times are then taken as they are). */
  clockOffsetMs: number | null;
}

/** ghettoVCB writes its first line a moment after cron starts it; the host and the NAS clocks may differ a little. */
const SLACK_MS = 60_000;

export function missedRun(e: ScheduleEvidence, now: number, graceMinutes: number): MissedRunAlert | null {
  const logs = scheduleLogs(e.crontab);
  if (logs === null) return null;
  const offset = clockCorrection(e.clockOffsetMs);
  const graceMs = graceMinutes * 60_000;
  const expected = lastFiring(logs.schedule, now + offset - graceMs);
  if (expected === null || e.checkedAt === null || e.checkedAt + offset < expected + graceMs) return null;
  const log = e.lastLog;
  const logStart = log === null ? null : (log.startedAt ?? log.mtimeMs + offset);
  if (logStart !== null && logStart >= expected - SLACK_MS) return null;
  return {
    hostId: e.hostId,
    host: e.host,
    schedule: logs.schedule.line,
    expectedAt: expected - offset,
    graceMinutes,
    lastLogAt: logStart === null ? null : logStart - offset,
    lastLog: log?.path ?? null,
    checkedAt: e.checkedAt,
    hostClockOffsetMs: e.clockOffsetMs,
  };
}

/** The schedule's newest log in a host's probe: the probe's newest log, or (when that one is Custode's) the newest of the schedule's names in the listing of the backup volume. */
export function scheduleEvidence(hostId: string, host: string, facts: EsxiFacts, checkedAt: number | null): ScheduleEvidence {
  const logs = scheduleLogs(facts.crontab);
  const base = { hostId, host, crontab: facts.crontab, checkedAt, clockOffsetMs: facts.clock?.offsetMs ?? null };
  if (logs === null) return { ...base, lastLog: null };
  const last = facts.lastLog;
  const lastName = last === null ? null : last.path.slice(last.path.lastIndexOf('/') + 1);
  if (last !== null && lastName !== null && logs.matches(lastName)) return { ...base, lastLog: { path: last.path, startedAt: stampMs(last.startedAt), mtimeMs: last.mtimeMs } };
  const inVolume = facts.volume !== null && facts.volume.path.replace(/\/+$/, '') === logs.dir;
  const newest = (inVolume ? facts.volume!.entries : [])
    .filter((x) => x.type === 'file' && !x.path.includes('/') && logs.matches(x.path))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  return { ...base, lastLog: newest === undefined ? null : { path: `${logs.dir}/${newest.path}`, startedAt: null, mtimeMs: newest.mtimeMs } };
}
