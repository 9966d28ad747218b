import type { CopyListing, RestoreCopy, RestoreProgress } from '../../../shared/model/restore.ts';

export interface DiskState {
  state: RestoreProgress['state'] | null;
  percent: number | null;
}

/** Where each disk of a restore stands: its last progress event (a cloned disk is whole), else not started (null). */
export function diskStates(disks: number, progress: readonly RestoreProgress[]): DiskState[] {
  const out: DiskState[] = Array.from({ length: disks }, () => ({ state: null, percent: null }));
  for (const p of progress) if (p.disk !== null && p.disk >= 0 && p.disk < disks) out[p.disk] = { state: p.state, percent: p.state === 'cloned' ? 100 : p.percent };
  return out;
}

/** The copy offered first: the newest marked complete, else the newest (as `--copy latest` chooses); null when none. */
export function firstChoice(listing: CopyListing): string | null {
  return (listing.copies.find((c) => c.status === 'ok') ?? listing.copies[0])?.folder ?? null;
}

/** A copy not marked complete goes on only with the override ticked. */
export function copyChoosable(copy: RestoreCopy | null, override: boolean): boolean {
  return copy !== null && (copy.overrideNeeded === null || override);
}
