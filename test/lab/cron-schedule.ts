// When a five-field cron schedule fires (in UTC), as busybox crond (ESXi) and TrueNAS's scheduler read one: numbers,
// `*`, lists, ranges, `/step`, month and weekday names, weekday 7 = Sunday; when both day of month and weekday are
// restricted either one matching fires. Written for the lab's clock (`lab clock advance`), on its own so the lab
// never judges Custode with Custode's cron code.
import { AppError } from '../../shared/errors/app-error.ts';

const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: [] },
  { name: 'hour', min: 0, max: 23, names: [] },
  { name: 'day of month', min: 1, max: 31, names: [] },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domAny: boolean;
  dowAny: boolean;
}

function value(text: string, field: (typeof FIELDS)[number]): number {
  const named = (field.names as readonly string[]).indexOf(text.toLowerCase());
  const n = named >= 0 ? named + (field.name === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= field.min && n <= field.max)) throw new AppError('lab.cronInvalid', `Bad ${field.name} in a cron schedule: ${text}`, { text });
  return n;
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!(Number.isInteger(step) && step > 0)) throw new AppError('lab.cronInvalid', `Bad step in a cron schedule: ${part}`, { text: part });
    const [lo, hi] = range === '*' ? [field.min, field.max] : range.includes('-') ? range.split('-').map((r) => value(r, field)) : [value(range, field), stepText === undefined ? value(range, field) : field.max];
    for (let n = lo!; n <= hi!; n += step) out.add(field.name === 'day of week' && n === 7 ? 0 : n);
  }
  return out;
}

export function parseCronSchedule(fields: readonly string[]): CronSchedule {
  if (fields.length !== 5) throw new AppError('lab.cronInvalid', `A cron schedule has five fields, not ${fields.length}: ${fields.join(' ')}`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!));
  return { minute: minute!, hour: hour!, dom: dom!, month: month!, dow: dow!, domAny: fields[2] === '*', dowAny: fields[4] === '*' };
}

/** The wall-clock fields of an epoch second in UTC (ESXi's clock; the lab NAS names its snapshots in UTC too). */
function utcFields(epoch: number): { minute: number; hour: number; dom: number; month: number; dow: number } {
  const d = new Date(epoch * 1000);
  return { minute: d.getUTCMinutes(), hour: d.getUTCHours(), dom: d.getUTCDate(), month: d.getUTCMonth() + 1, dow: d.getUTCDay() };
}

function firesAt(s: CronSchedule, f: { minute: number; hour: number; dom: number; month: number; dow: number }): boolean {
  if (!s.minute.has(f.minute) || !s.hour.has(f.hour) || !s.month.has(f.month)) return false;
  if (s.domAny || s.dowAny) return s.dom.has(f.dom) && s.dow.has(f.dow);
  return s.dom.has(f.dom) || s.dow.has(f.dow);
}

/** Every minute in (after, until] (epoch seconds, UTC) at which the schedule fires, in order. */
export function dueTimes(s: CronSchedule, after: number, until: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(after / 60) * 60 + 60; t <= until; t += 60) if (firesAt(s, utcFields(t))) out.push(t);
  return out;
}
