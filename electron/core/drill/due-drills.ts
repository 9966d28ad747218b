import type { DrillRecord, DrillScheduleEntry } from '../../../shared/model/drill.ts';
import { DAY_MS, nextDueAt } from '../../../shared/model/drill-due.ts';

/** A drill still 'running' after this was cut short (the app or the CLI stopped mid-drill): it no longer holds its host. */
const STALE_RUNNING_MS = 2 * DAY_MS;

/**
 * The scheduled drills due now: an entry is due when no drill of its VM onto its host started within its period
 * (nextDueAt). At most one per target host, and none onto a host a drill is running on: one VM per host at a time.
 */
export function dueDrills(entries: readonly DrillScheduleEntry[], drills: readonly DrillRecord[], hostName: (hostId: string) => string, now: number): DrillScheduleEntry[] {
  const busy = new Set(drills.filter((d) => d.result === 'running' && d.startedAt > now - STALE_RUNNING_MS).map((d) => d.targetHost));
  const due: DrillScheduleEntry[] = [];
  for (const e of entries) {
    const host = hostName(e.toHostId);
    if (busy.has(host)) continue;
    const next = nextDueAt(e, drills, host);
    if (next !== null && next > now) continue;
    due.push(e);
    busy.add(host);
  }
  return due;
}
