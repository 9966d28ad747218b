import type { ProgressUpdate } from './job-registry.ts';

/**
 * The progress of a part of a larger work, reported as the whole's: its fractions scaled into the first `share` of
 * the whole, its steps passed on as they are. A no-op when the work has no listener.
 */
export function progressShare(ctx: { progress?(update: ProgressUpdate): void }, share: number): (update: ProgressUpdate) => void {
  return (update) => ctx.progress?.({ ...update, fraction: typeof update.fraction === 'number' ? update.fraction * share : null });
}
