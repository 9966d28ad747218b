// The lab's own reading of cron schedules (what `lab clock advance` fires), checked against dates a person can count.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../lab/clock.ts';
import { dueTimes, parseCronSchedule } from '../../lab/cron-schedule.ts';

const at = (iso: string): number => Date.parse(iso) / 1000;
const iso = (t: number): string => new Date(t * 1000).toISOString().slice(0, 16);
const due = (schedule: string, from: string, to: string): string[] => dueTimes(parseCronSchedule(schedule.split(' ')), at(from), at(to)).map(iso);

describe('lab cron schedules', () => {
  it('fires a daily line once per day passed, never at the start of the window, always at its end', () => {
    expect(due('30 4 * * *', '2026-03-01T04:30:00Z', '2026-03-03T04:30:00Z')).toEqual(['2026-03-02T04:30', '2026-03-03T04:30']);
    expect(due('30 4 * * *', '2026-03-01T05:00:00Z', '2026-03-02T04:29:59Z')).toEqual([]);
  });

  it('reads steps, ranges, lists, names and weekday 7 as Sunday', () => {
    expect(due('*/20 9-10 * * *', '2026-03-02T08:59:00Z', '2026-03-02T11:00:00Z')).toEqual([
      '2026-03-02T09:00', '2026-03-02T09:20', '2026-03-02T09:40', '2026-03-02T10:00', '2026-03-02T10:20', '2026-03-02T10:40',
    ]);
    // 1 March 2026 is a Sunday.
    expect(due('0 12 * * sun,7', '2026-02-28T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual(['2026-03-01T12:00', '2026-03-08T12:00']);
    expect(due('0 0 1 jan-mar *', '2026-01-15T00:00:00Z', '2026-06-01T00:00:00Z')).toEqual(['2026-02-01T00:00', '2026-03-01T00:00']);
  });

  it('fires when either the day of month or the weekday matches, when both are given', () => {
    // The 10th of March 2026 is a Tuesday; Fridays in that window are the 6th and the 13th.
    expect(due('0 6 10 * fri', '2026-03-05T00:00:00Z', '2026-03-14T00:00:00Z')).toEqual(['2026-03-06T06:00', '2026-03-10T06:00', '2026-03-13T06:00']);
  });

  it('refuses what busybox crond would not read', () => {
    expect(() => parseCronSchedule(['61', '*', '*', '*', '*'])).toThrow(/minute/);
    expect(() => parseCronSchedule(['*/0', '*', '*', '*', '*'])).toThrow(/step/);
    expect(() => parseCronSchedule(['*', '*', '*', '*'])).toThrow(/five fields/);
  });

  it('takes durations as whole units and refuses anything else with the forms it takes', () => {
    expect(parseDuration('25h')).toBe(90_000);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('1d12h')).toBe(129_600);
    for (const bad of ['25', '25 h', '0s', '1.5h', '401d', '']) expect(() => parseDuration(bad)).toThrow(/25h, 90m/);
  });
});
