import type { VmRow } from '../../../shared/ipc/fleet.ts';

const HOUR = 3600_000;

/** A powered-on VM with one good copy made twelve hours before `now`; `over` changes what a test is about. */
export function vmRow(name: string, now: number, over: Partial<VmRow> = {}): VmRow {
  const copy = { folder: `${name}-1`, at: now - 12 * HOUR, status: 'ok' as const, sizeBytes: 1 };
  return {
    vmid: name, name, powerState: 'poweredOn', datastore: 'datastore1', sizeBytes: 1, snapshots: 0, independentDisks: 0, rdmDisks: 0,
    copies: [copy], rotation: 3, lastGood: copy, lastOutcome: 'ok', blockers: [], ...over,
  };
}
