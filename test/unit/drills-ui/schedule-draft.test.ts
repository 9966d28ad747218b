import { describe, expect, it } from 'vitest';
import { monthlyPerHost, parseDraft, toDraft, type DraftRow } from '../../../renderer/features/restore/drill/schedule-draft.ts';
import { DrillSchedule, type DrillRecord } from '../../../shared/model/drill.ts';
import { DAY_MS, nextDueAt } from '../../../shared/model/drill-due.ts';

const row = (vm: string, toHostId: string, everyDays = '30', extra: Partial<DraftRow> = {}): DraftRow => ({ vm, toHostId, datastore: '', everyDays, enabled: true, ...extra });
const HOSTS = new Set(['h7', 'h8']);

describe('the drill schedule form', () => {
  it('valid rows make the schedule core accepts: names trimmed, an empty datastore left out, a switched-off row kept off', () => {
    const { schedule, errors } = parseDraft([row(' dc01 ', 'h8', '30'), row('web', 'h7', '7', { datastore: ' datastore2 ', enabled: false })], HOSTS);
    expect(errors).toEqual([]);
    expect(schedule).toEqual({ entries: [{ vm: 'dc01', toHostId: 'h8', everyDays: 30 }, { vm: 'web', toHostId: 'h7', everyDays: 7, datastore: 'datastore2', enabled: false }] });
    expect(DrillSchedule.parse(schedule)).toEqual(schedule);
    // Read back, the rows are the ones saved.
    expect(schedule.entries.map(toDraft)).toEqual([row('dc01', 'h8', '30'), row('web', 'h7', '7', { datastore: 'datastore2', enabled: false })]);
  });

  it('each bad field is named with its row and a code, and nothing is saved', () => {
    const { schedule, errors } = parseDraft([row('', 'h8'), row('dc01', ''), row('dc01', 'h9'), row('web', 'h7', '0'), row('web2', 'h7', '2.5'), row('web3', 'h7', ''), row('web4', 'h7', '367'), row('dc01', 'h7'), row('dc01', 'h7')], HOSTS);
    expect(schedule.entries).toEqual([]);
    expect(errors).toEqual([
      { row: 0, field: 'vm', code: 'vmMissing' },
      { row: 1, field: 'toHostId', code: 'hostMissing' },
      { row: 2, field: 'toHostId', code: 'hostUnknown' },
      { row: 3, field: 'everyDays', code: 'daysInvalid' },
      { row: 4, field: 'everyDays', code: 'daysInvalid' },
      { row: 5, field: 'everyDays', code: 'daysInvalid' },
      { row: 6, field: 'everyDays', code: 'daysInvalid' },
      { row: 8, field: 'vm', code: 'duplicate' },
    ]);
  });

  it('"one VM per host, monthly" adds each uncovered host’s first VM by name onto itself, keeping the rows there', () => {
    const hosts = [
      { hostId: 'h7', vms: ['web', 'mail'] },
      { hostId: 'h8', vms: ['files'] },
      { hostId: 'h9', vms: [] },
    ];
    expect(monthlyPerHost([row('files', 'h8', '14')], hosts)).toEqual([row('files', 'h8', '14'), row('mail', 'h7', '30')]);
  });
});

describe('when a scheduled drill is next due', () => {
  const drill = (vm: string, targetHost: string, startedAt: number): DrillRecord => ({ id: `${vm}${startedAt}`, vm, sourceHost: targetHost, copyFolder: 'c', targetHost, datastore: 'd', tempName: 't', reason: 'r', startedAt, endedAt: null, recoveryMs: null, toolsMs: null, result: 'failed', errorCode: null, operationId: null });

  it('its period after the last drill of its VM onto its host, any result; never drilled there: null', () => {
    const drills = [drill('dc01', 'esxi-08', 5 * DAY_MS), drill('dc01', 'esxi-08', 9 * DAY_MS), drill('dc01', 'esxi-07', 20 * DAY_MS)];
    expect(nextDueAt({ vm: 'dc01', everyDays: 30 }, drills, 'esxi-08')).toBe(39 * DAY_MS);
    expect(nextDueAt({ vm: 'dc01', everyDays: 30 }, drills, 'esxi-01')).toBeNull();
    expect(nextDueAt({ vm: 'web', everyDays: 30 }, drills, 'esxi-08')).toBeNull();
  });
});
