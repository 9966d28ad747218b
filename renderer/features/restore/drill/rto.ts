import type { DrillTrend } from '../../../../shared/model/drill.ts';

export interface RtoStats {
  count: number;
  last: number;
  best: number;
  worst: number;
  median: number;
  /** The last against the median of the ones before it; null with a single drill. */
  trend: 'faster' | 'slower' | 'steady' | null;
}

/** A change within this share of the earlier median is steady: a lab or a busy host varies by that much anyway. */
const STEADY = 0.1;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A VM's recovery times (oldest first, as drill.history gives them): last, best, worst, median and the trend; null when none. */
export function rtoStats(points: DrillTrend['points']): RtoStats | null {
  if (points.length === 0) return null;
  const times = points.map((p) => p.recoveryMs);
  const last = times.at(-1)!;
  const before = times.slice(0, -1);
  let trend: RtoStats['trend'] = null;
  if (before.length > 0) {
    const earlier = median(before);
    trend = Math.abs(last - earlier) <= earlier * STEADY ? 'steady' : last < earlier ? 'faster' : 'slower';
  }
  return { count: times.length, last, best: Math.min(...times), worst: Math.max(...times), median: median(times), trend };
}

/** A bar's height in a chart of `height` whose top is the worst time; never below 2 so a bar always shows. */
export function barHeights(points: DrillTrend['points'], height: number): number[] {
  const worst = Math.max(0, ...points.map((p) => p.recoveryMs));
  return points.map((p) => (worst === 0 ? 2 : Math.max(2, Math.round((p.recoveryMs / worst) * height))));
}

/**
 * A recovery time as a person reads it: tenths of a second below a minute (a drill on a small VM takes seconds and
 * their tenths tell two drills apart), minutes and seconds above, hours and minutes above an hour.
 */
export function rtoText(ms: number | null, lang: string): string {
  if (ms === null) return '—';
  if (ms < 60_000) return `${new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round(ms / 100) / 10)} s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${String(s % 60).padStart(2, '0')} s`;
}
