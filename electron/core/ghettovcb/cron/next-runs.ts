import type { CronLine } from './parse.ts';

/**
 * The next times a crontab line fires, computed in UTC because the ESXi clock (and so its crond) runs in UTC
 * (reference esxi-truenas A4.4). Walks days, not minutes, so a yearly schedule costs a few hundred steps.
 */
export function nextRuns(line: CronLine, from: Date, count: number): Date[] {
  const out: Date[] = [];
  const dayMatches = (d: Date): boolean => {
    if (!line.month.values.includes(d.getUTCMonth() + 1)) return false;
    const dom = line.dayOfMonth.values.includes(d.getUTCDate());
    const dow = line.dayOfWeek.values.includes(d.getUTCDay());
    if (line.dayOfMonth.any) return dow;
    if (line.dayOfWeek.any) return dom;
    return dom || dow;
  };
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  // 8 years covers every valid schedule, including 29 February on a Friday.
  for (let i = 0; i < 366 * 8 && out.length < count; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayMatches(day)) continue;
    for (const hour of line.hour.values) {
      for (const minute of line.minute.values) {
        const at = new Date(day.getTime() + (hour * 60 + minute) * 60_000);
        if (at.getTime() > from.getTime()) out.push(at);
        if (out.length >= count) return out;
      }
    }
  }
  return out;
}
