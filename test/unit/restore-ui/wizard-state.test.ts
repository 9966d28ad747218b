import { describe, expect, it } from 'vitest';
import { copyChoosable, diskStates, firstChoice } from '../../../renderer/features/restore/wizard-state.ts';
import type { CopyListing, RestoreCopy, RestoreProgress } from '../../../shared/model/restore.ts';

const copy = (folder: string, status: RestoreCopy['status']): RestoreCopy => ({
  vm: 'web01',
  folder,
  path: `/vmfs/volumes/backup/web01/${folder}`,
  takenAt: 0,
  ageMs: 0,
  sizeBytes: 1,
  status,
  statusText: null,
  compressed: false,
  overrideNeeded: status === 'ok' ? null : `restore.override.${status}`,
});
const listing = (copies: RestoreCopy[]): CopyListing => ({ vm: 'web01', sourceHost: 'esxi-01', readBy: 'esxi-01', asOfProbe: null, copies });
const event = (disk: number | null, state: RestoreProgress['state'], percent: number | null): RestoreProgress => ({ jobId: 'j', disk, disks: 2, file: null, state, percent });

describe('the restore wizard’s state', () => {
  it('offers the newest complete copy first, else the newest, else none', () => {
    expect(firstChoice(listing([copy('web01-3', 'error'), copy('web01-2', 'ok'), copy('web01-1', 'ok')]))).toBe('web01-2');
    expect(firstChoice(listing([copy('web01-3', 'warn'), copy('web01-2', 'unknown')]))).toBe('web01-3');
    expect(firstChoice(listing([]))).toBeNull();
  });

  it('lets a copy not marked complete go on only with the override ticked', () => {
    expect(copyChoosable(copy('a', 'ok'), false)).toBe(true);
    for (const status of ['warn', 'error', 'unknown'] as const) {
      expect(copyChoosable(copy('a', status), false)).toBe(false);
      expect(copyChoosable(copy('a', status), true)).toBe(true);
    }
    expect(copyChoosable(null, true)).toBe(false);
  });

  it('gives each disk its last progress, a cloned disk whole, and ignores the steps around the disks', () => {
    const progress = [event(null, 'preparing', null), event(0, 'cloning', 0), event(0, 'cloning', 40), event(0, 'cloned', null), event(1, 'cloning', 7), event(null, 'registering', null)];
    expect(diskStates(2, progress)).toEqual([
      { state: 'cloned', percent: 100 },
      { state: 'cloning', percent: 7 },
    ]);
    expect(diskStates(3, [event(5, 'cloning', 10)])).toEqual([
      { state: null, percent: null },
      { state: null, percent: null },
      { state: null, percent: null },
    ]);
  });
});
