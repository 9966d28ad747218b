import type { DrillRecord, DrillScheduleEntry } from './drill.ts';

export const DAY_MS = 86_400_000;

/**
 * When a scheduled drill is next due: its period after the last drill of its VM onto its host started (whatever that
 * drill's result: a failed one is in the history to be looked at, the next waits its period), or null when none was
 * ever made (due at the app's next check). The scheduler and the schedule form read the same answer.
 */
export function nextDueAt(entry: Pick<DrillScheduleEntry, 'vm' | 'everyDays'>, drills: readonly DrillRecord[], targetHost: string): number | null {
  let last: number | null = null;
  for (const d of drills) if (d.vm === entry.vm && d.targetHost === targetHost && (last === null || d.startedAt > last)) last = d.startedAt;
  return last === null ? null : last + entry.everyDays * DAY_MS;
}
