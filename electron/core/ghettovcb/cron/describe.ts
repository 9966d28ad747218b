import { joinList, text, type Lang } from '../text.ts';
import type { CronField, CronLine } from './parse.ts';

/** A crontab schedule in plain words, e.g. "every day at 04:30 (UTC, the host clock)". */
const pad = (n: number) => String(n).padStart(2, '0');

function evenStep(field: CronField, span: number): number | null {
  const v = field.values;
  if (v.length < 2 || v[0] !== 0) return null;
  const step = (v[1] ?? 0) - (v[0] ?? 0);
  if (span % step !== 0 || v.length !== span / step) return null;
  return v.every((x, i) => x === i * step) ? step : null;
}

function timePart(line: CronLine, lang: Lang): string {
  const { minute, hour } = line;
  if (minute.any && hour.any) return text(lang, 'ghettovcb.cron.describe.everyMinute');
  const step = hour.any ? evenStep(minute, 60) : null;
  if (step !== null) return text(lang, 'ghettovcb.cron.describe.everyNMinutes', { n: step });
  if (minute.values.length === 1 && hour.any) return text(lang, 'ghettovcb.cron.describe.everyHourAt', { minute: minute.values[0] ?? 0 });
  if (!hour.any && hour.values.length * minute.values.length <= 6) {
    const times = hour.values.flatMap((h) => minute.values.map((m) => `${pad(h)}:${pad(m)}`));
    return text(lang, 'ghettovcb.cron.describe.at', { times: joinList(lang, times) });
  }
  return text(lang, 'ghettovcb.cron.describe.minutesPastHours', {
    minutes: minute.any ? text(lang, 'ghettovcb.cron.describe.anyMinute') : joinList(lang, minute.values.map(String)),
    hours: hour.any ? text(lang, 'ghettovcb.cron.describe.anyHour') : joinList(lang, hour.values.map(String)),
  });
}

function weekdays(field: CronField, lang: Lang): string {
  const names = field.values.map((d) => text(lang, `ghettovcb.day.${d}`));
  const v = field.values;
  const contiguous = v.length >= 3 && v.every((x, i) => i === 0 || x === (v[i - 1] ?? 0) + 1);
  if (contiguous) return text(lang, 'ghettovcb.cron.describe.dayRange', { from: names[0] ?? '', to: names[names.length - 1] ?? '' });
  return text(lang, 'ghettovcb.cron.describe.weekdays', { days: joinList(lang, names) });
}

function dayPart(line: CronLine, lang: Lang): string {
  const { dayOfMonth: dom, dayOfWeek: dow } = line;
  if (dom.any && dow.any) return text(lang, 'ghettovcb.cron.describe.everyDay');
  const monthDays = text(lang, 'ghettovcb.cron.describe.monthDays', { days: joinList(lang, dom.values.map(String)) });
  if (dow.any) return monthDays;
  if (dom.any) return weekdays(dow, lang);
  return text(lang, 'ghettovcb.cron.describe.or', { a: monthDays, b: weekdays(dow, lang) });
}

/** "every 15 minutes", not "every day every 15 minutes": a frequency within the hour already covers every day. */
function isFrequency(line: CronLine): boolean {
  const { minute, hour } = line;
  return hour.any && (minute.any || evenStep(minute, 60) !== null || minute.values.length === 1);
}

export function describeSchedule(line: CronLine, lang: Lang): string {
  const everyDay = line.dayOfMonth.any && line.dayOfWeek.any;
  const parts = everyDay && isFrequency(line) ? [timePart(line, lang)] : [dayPart(line, lang), timePart(line, lang)];
  if (!line.month.any) {
    parts.push(text(lang, 'ghettovcb.cron.describe.months', { months: joinList(lang, line.month.values.map((m) => text(lang, `ghettovcb.month.${m}`))) }));
  }
  parts.push(text(lang, 'ghettovcb.cron.describe.utc'));
  const sentence = parts.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
