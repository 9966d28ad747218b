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

const SPOKEN = {
  en: { every: 'every day', on: 'on', names: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] },
  it: { every: 'ogni giorno', on: 'nei giorni', names: ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'] },
} as const;

/**
 * The days as a plan's words say them, in both languages (`daysEn`, `daysIt`): a plan is planned once and read in
 * either language, and its parameters cannot be translated by the reader. "every day" / "on Mon–Fri, Sun".
 */
export function spokenDays(days: readonly WeekDay[]): { daysEn: string; daysIt: string } {
  const say = (lang: keyof typeof SPOKEN): string => {
    const { every, on, names } = SPOKEN[lang];
    if (days.length === 7) return every;
    const field = dowText(days).replace(/\d/g, (d) => names[Number(d)]!).replace(/-/g, '–').replace(/,/g, ', ');
    return `${on} ${field}`;
  };
  return { daysEn: say('en'), daysIt: say('it') };
}
