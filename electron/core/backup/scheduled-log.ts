import { logLocation, scheduledRuns, type ScheduledRun } from '../fleet/cron-invocation.ts';
import { CUSTODE_LOG_PREFIX } from './launch.ts';

/**
 * Where the host's schedule leaves its logs: the folder its cron line writes to (`-l`, or the `> file` the site's
 * line captures stdout in) and a test for the names a `$(date …)` in it produces. Custode's own run logs sit in the
 * same folder and match the site's `ghettoVCB-*.log` too: they are not the schedule's, so they are left out.
 */
export interface ScheduleLogs {
  schedule: ScheduledRun;
  dir: string;
  matches(name: string): boolean;
}

export function scheduleLogs(crontab: string | null): ScheduleLogs | null {
  const schedule = crontab === null ? undefined : scheduledRuns(crontab)[0];
  if (schedule === undefined) return null;
  const target = schedule.invocation.logFile ?? schedule.invocation.stdoutTarget;
  const location = target === null ? null : logLocation(target);
  if (location === null) return null;
  return { schedule, dir: location.dir.replace(/\/+$/, '') || '/', matches: (name) => location.matches(name) && !name.startsWith(CUSTODE_LOG_PREFIX) };
}
