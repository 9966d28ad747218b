import { describe, expect, it } from 'vitest';
import { barHeights, rtoStats, rtoText } from '../../../renderer/features/restore/drill/rto.ts';

const points = (...ms: number[]) => ms.map((recoveryMs, i) => ({ at: 1_000 * i, recoveryMs, toolsMs: null }));

describe('a VM’s recovery-time figures', () => {
  it('none without a drill; one drill is last, best, worst and median, with no trend', () => {
    expect(rtoStats([])).toBeNull();
    expect(rtoStats(points(42_000))).toEqual({ count: 1, last: 42_000, best: 42_000, worst: 42_000, median: 42_000, trend: null });
  });

  it('last is the newest (points come oldest first); the median of an even count is the mean of the middle two', () => {
    expect(rtoStats(points(30_000, 90_000, 60_000, 40_000))).toMatchObject({ count: 4, last: 40_000, best: 30_000, worst: 90_000, median: 50_000 });
  });

  it('the trend compares the last with the median of the drills before it: within 10% steady, else faster or slower', () => {
    expect(rtoStats(points(60_000, 62_000, 58_000, 65_000))!.trend).toBe('steady');
    expect(rtoStats(points(60_000, 62_000, 58_000, 45_000))!.trend).toBe('faster');
    expect(rtoStats(points(60_000, 62_000, 58_000, 80_000))!.trend).toBe('slower');
    // A single slow drill long ago does not make the next one "faster": the median of the earlier ones is 60 s.
    expect(rtoStats(points(600_000, 60_000, 60_000, 61_000))!.trend).toBe('steady');
  });

  it('bars are scaled to the worst time, never lower than 2 so a fast drill still shows', () => {
    expect(barHeights(points(30_000, 60_000, 100), 60)).toEqual([30, 60, 2]);
    expect(barHeights([], 60)).toEqual([]);
  });

  it('times read in tenths of a second below a minute, in the reader’s decimals; minutes and hours above', () => {
    expect(rtoText(null, 'en')).toBe('—');
    expect(rtoText(4_260, 'en')).toBe('4.3 s');
    expect(rtoText(4_260, 'it')).toBe('4,3 s');
    expect(rtoText(59_940, 'en')).toBe('59.9 s');
    expect(rtoText(125_400, 'en')).toBe('2 min 05 s');
    expect(rtoText(3_900_000, 'it')).toBe('1 h 05 min');
  });
});
