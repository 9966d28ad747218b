import { DAY_NAMES, dowText, EVERY_DAY, type WeekDay } from '../../../shared/model/week-days.ts';
import { parseCronLine } from '../ghettovcb/cron/parse.ts';

/**
 * The days a cron day-of-week field names (`*`, `1-5`, `mon,wed`, `7` for Sunday), read the way cron reads it. A
 * field cron would refuse counts as every day: another host's odd job is then assumed to run any day (never missed
 * when staggering).
 */
export function dowDays(field: string): WeekDay[] {
  const parsed = parseCronLine(`0 0 * * ${field} true`);
  return parsed.ok && parsed.line.dayOfWeek.values.length > 0 ? (parsed.line.dayOfWeek.values as WeekDay[]) : [...EVERY_DAY];
}

/** The days as the CLI's `--days` takes them (`daily`, `mon-fri`, `mon,wed,fri`): one text for both languages. */
export function daysText(days: readonly WeekDay[]): string {
  if (days.length === 7) return 'daily';
  return dowText(days).replace(/\d/g, (d) => DAY_NAMES[Number(d)]!);
}
