import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { ProbeState } from '../../../shared/ipc/fleet.ts';

/**
 * The last probe of one machine as kept in the database: how the last attempt went, and the facts of the last
 * attempt that reached the host (kept when a later attempt fails, so a dead host still shows what it had).
 */
export interface ProbeRecord<F> {
  state: ProbeState;
  attemptedAt: number | null;
  error: ErrorData | null;
  facts: F | null;
  factsAt: number | null;
}

export const NEVER_PROBED: ProbeRecord<never> = { state: 'never', attemptedAt: null, error: null, facts: null, factsAt: null };
