import type { DrillSchedule, DrillScheduleEntry } from '../../../../shared/model/drill.ts';

/** A schedule row as the form holds it: typed text until it is saved. */
export interface DraftRow {
  vm: string;
  toHostId: string;
  datastore: string;
  everyDays: string;
  enabled: boolean;
}

export type DraftField = 'vm' | 'toHostId' | 'everyDays';
/** An i18n key under drills.ui.schedule.error (the UI's words come from it). */
export type DraftErrorCode = 'vmMissing' | 'hostMissing' | 'hostUnknown' | 'daysInvalid' | 'duplicate';
export interface DraftError {
  row: number;
  field: DraftField;
  code: DraftErrorCode;
}

export const MONTHLY_DAYS = 30;

export const toDraft = (e: DrillScheduleEntry): DraftRow => ({ vm: e.vm, toHostId: e.toHostId, datastore: e.datastore ?? '', everyDays: String(e.everyDays), enabled: e.enabled !== false });

/**
 * The schedule the rows make, or every row's errors: a VM and a known target host, a whole number of days from 1 to
 * 366, and each VM onto a host once (two entries would only drill it twice as often, unasked).
 */
export function parseDraft(rows: readonly DraftRow[], hostIds: ReadonlySet<string>): { schedule: DrillSchedule; errors: DraftError[] } {
  const errors: DraftError[] = [];
  const seen = new Set<string>();
  const entries: DrillScheduleEntry[] = [];
  rows.forEach((r, row) => {
    const vm = r.vm.trim();
    if (vm === '') errors.push({ row, field: 'vm', code: 'vmMissing' });
    if (r.toHostId === '') errors.push({ row, field: 'toHostId', code: 'hostMissing' });
    else if (!hostIds.has(r.toHostId)) errors.push({ row, field: 'toHostId', code: 'hostUnknown' });
    const days = r.everyDays.trim() === '' ? Number.NaN : Number(r.everyDays);
    if (!Number.isInteger(days) || days < 1 || days > 366) errors.push({ row, field: 'everyDays', code: 'daysInvalid' });
    const key = JSON.stringify([vm, r.toHostId]);
    if (vm !== '' && r.toHostId !== '' && seen.has(key)) errors.push({ row, field: 'vm', code: 'duplicate' });
    seen.add(key);
    const datastore = r.datastore.trim();
    entries.push({ vm, toHostId: r.toHostId, everyDays: days, ...(datastore !== '' ? { datastore } : {}), ...(r.enabled ? {} : { enabled: false }) });
  });
  return { schedule: { entries: errors.length === 0 ? entries : [] }, errors };
}

/**
 * "One VM per host per month": for each host no row drills onto yet, a row for its first VM (by name) onto that same
 * host every 30 days. Rows already there are kept as they are.
 */
export function monthlyPerHost(rows: readonly DraftRow[], hosts: readonly { hostId: string; vms: readonly string[] }[]): DraftRow[] {
  const covered = new Set(rows.map((r) => r.toHostId));
  const added = hosts
    .filter((h) => !covered.has(h.hostId) && h.vms.length > 0)
    .map((h) => ({ vm: [...h.vms].sort((a, b) => a.localeCompare(b))[0]!, toHostId: h.hostId, datastore: '', everyDays: String(MONTHLY_DAYS), enabled: true }));
  return [...rows, ...added];
}
