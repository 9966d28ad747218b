import { hostname } from 'node:os';
import type { BackupRun } from '../../../shared/model/backup.ts';
import { sleep } from './follow.ts';
import type { CancelMark, RunStore } from './run-store.ts';

/**
 * A cancel records its mark in the shared store before it stops anything on the host, and ends it once the run is
 * recorded as cancelled and verified (`done`) or once it failed (`failed`). A follower in another process that sees
 * the run end reads the marks: while a cancel of the run is under way, the end is the cancel's, so the follower shows
 * the cut-off VMs as cancelled and waits for the cancel's own record instead of telling the run as failed.
 *
 * A mark must not make a run that really failed look cancelled forever when its cancel never ended (the cancelling
 * process crashed, or was killed with its terminal). An underway mark counts only
 * - if it was begun before the run's end was seen (a cancel begun later did not stop it);
 * - while its process may still be at work: one on this workstation that is gone does not count (the app and the
 *   CLI open the same database under CUSTODE_HOME, so they are normally on one machine); one elsewhere is taken at
 *   its word;
 * - for at most CANCEL_MARK_LIFE_MS after it was begun, whatever its process.
 * A mark that does not count leaves the run as its follower saw it end; a cancel recorded after that (a slow cancel
 * on another workstation) still makes the stored run `cancelled` (RunStore.cancelled), read at the next refresh.
 */

/**
 * How long a cancel may take from its mark to its end: the checks, the stop, the lock, the snapshots removed, the
 * partial folders marked, the log read and the copies verified. As long as following waits for a silent host.
 */
export const CANCEL_MARK_LIFE_MS = 10 * 60_000;

/** Whether the process that wrote a mark may still be at work: asked on this workstation, taken at its word elsewhere. */
export function markerAlive(mark: CancelMark): boolean {
  if (mark.workstation !== hostname()) return true;
  try {
    process.kill(mark.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process is there, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a cancel of the run is still under way, by the rules above, `now` on Custode's clock. */
export function cancelPending(run: BackupRun, marks: readonly CancelMark[], now: number, alive: (mark: CancelMark) => boolean): boolean {
  const endSeen = run.endedAt ?? now;
  return marks.some((m) => m.state === 'underway' && m.runId === run.id && m.beganAt <= endSeen && now - m.beganAt <= CANCEL_MARK_LIFE_MS && alive(m));
}

export interface AwaitCancelOptions {
  now: () => number;
  pollMs: number;
  signal: AbortSignal;
  alive?: (mark: CancelMark) => boolean;
  /** Called once, as soon as a cancel is found under way (the cut-off VMs can be shown cancelled at once). */
  onPending?(): void;
}

/** The run once no cancel of it is under way any more: cancelled by the cancel's own record, or as its end left it. */
export async function awaitCancel(runs: RunStore, runId: string, options: AwaitCancelOptions): Promise<BackupRun> {
  const alive = options.alive ?? markerAlive;
  let told = false;
  for (;;) {
    const run = runs.get(runId);
    if (!cancelPending(run, runs.cancelMarks(runId), options.now(), alive)) return run;
    if (!told) {
      told = true;
      options.onPending?.();
    }
    await sleep(options.pollMs, options.signal);
  }
}
