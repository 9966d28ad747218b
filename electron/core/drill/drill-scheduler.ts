import type { DrillRecord, DrillScheduleEntry } from '../../../shared/model/drill.ts';
import { dueDrills } from './due-drills.ts';

export const SCHEDULED_REASON = 'scheduled drill';
const CHECK_EVERY_MS = 3_600_000;

export interface SchedulerDeps {
  entries(): DrillScheduleEntry[];
  drills(): DrillRecord[];
  hostName(hostId: string): string | null;
  /** Plans and starts one drill as a job with the given reason; resolves when it has started. */
  start(entry: DrillScheduleEntry, reason: string): Promise<void>;
  now?: () => number;
  /** Told when a due drill could not even be started (its host was removed, the plan failed). */
  onError?(entry: DrillScheduleEntry, error: unknown): void;
}

/**
 * Starts the scheduled drills that are due, while the app runs: checked at once and then every hour. A drill is
 * started only when none is already being started by this scheduler, so a slow plan never doubles one.
 */
export class DrillScheduler {
  readonly #deps: SchedulerDeps;
  #timer: ReturnType<typeof setInterval> | null = null;
  #checking = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.#timer.unref?.();
    void this.check();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async check(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      const { entries, drills, hostName } = this.#deps;
      // An entry whose host was removed from the fleet is never due (its drills could not run), nor one switched off.
      const known = entries().filter((e) => e.enabled !== false && hostName(e.toHostId) !== null);
      for (const entry of dueDrills(known, drills(), (id) => hostName(id)!, (this.#deps.now ?? Date.now)())) {
        try {
          await this.#deps.start(entry, SCHEDULED_REASON);
        } catch (error) {
          this.#deps.onError?.(entry, error);
        }
      }
    } finally {
      this.#checking = false;
    }
  }
}
