import { AppError } from '../errors/app-error.ts';

/**
 * The days of the week a schedule runs on, as cron numbers them (Sunday 0 … Saturday 6), sorted, no repeats, never
 * empty. The same days give the host's crontab field, the NAS cron job's `dow` and the wizard's boxes.
 */
export type WeekDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** The same days as an Italian calendar abbreviates them; `--days lun-ven` reads as `--days mon-fri`. */
export const ITALIAN_DAY_NAMES = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'] as const;
export const EVERY_DAY: WeekDay[] = [0, 1, 2, 3, 4, 5, 6];
export const WORK_DAYS: WeekDay[] = [1, 2, 3, 4, 5];
/** Monday first, as the school's calendar shows a week. */
export const WEEK_ORDER: WeekDay[] = [1, 2, 3, 4, 5, 6, 0];

const invalid = (given: string): AppError =>
  new AppError('setup.daysInvalid', `Not days of the week: ${given}; write daily, or day names separated by commas (mon,wed,fri or lun,mer,ven), or a range (mon-fri or lun-ven)`, { days: given });

/** Checks days given as numbers (the IPC input): each 0–6, at least one; sorted and without repeats. */
export function checkDays(days: readonly number[]): WeekDay[] {
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw invalid(days.length === 0 ? '(none)' : days.join(','));
  return [...new Set(days)].sort((a, b) => a - b) as WeekDay[];
}

const dayNumber = (name: string): number => {
  const n = name.trim();
  const english = DAY_NAMES.indexOf(n as (typeof DAY_NAMES)[number]);
  return english >= 0 ? english : ITALIAN_DAY_NAMES.indexOf(n as (typeof ITALIAN_DAY_NAMES)[number]);
};

/**
 * `daily`, `mon,wed,fri`, `mon-fri` (the CLI's `--days`; Italian names too: `lun-ven`, `lun,mer,ven`, and `ogni-giorno`)
 * → the days; anything else is refused with what to type.
 */
export function parseDays(text: string): WeekDay[] {
  const t = text.trim().toLowerCase();
  if (t === 'daily' || t === 'ogni-giorno') return [...EVERY_DAY];
  const days: number[] = [];
  for (const part of t.split(',')) {
    const [from, to, ...rest] = part.split('-').map(dayNumber);
    if (from === undefined || from < 0 || rest.length > 0 || (to !== undefined && (to < 0 || to < from))) throw invalid(text);
    for (let d = from; d <= (to ?? from); d++) days.push(d);
  }
  return checkDays(days);
}

/** The cron day-of-week field: `*` for every day, runs of three or more as ranges (`1-5`), else a list (`1,3,5`). */
export function dowText(days: readonly WeekDay[]): string {
  const sorted = checkDays(days);
  if (sorted.length === 7) return '*';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

export const sameDays = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export const overlap = (a: readonly number[], b: readonly number[]): boolean => a.some((d) => b.includes(d));
