/**
 * Words of the log catalog shared by core and UI. A run's status sums its Final status up; a history cell is one
 * VM on one night: `none` when the host logged no run that night, `absent` when it ran without this VM.
 */
export const RUN_STATUSES = ['ok', 'warn', 'error', 'aborted', 'dryrun', 'running'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const HISTORY_CELLS = ['ok', 'warn', 'error', 'skipped', 'absent', 'none'] as const;
export type HistoryCell = (typeof HISTORY_CELLS)[number];

/** A VM's lines in its run: from its first line up to the line before the next VM's first line (or the run's end). */
export function vmLineRange(vms: readonly { name: string; line: number }[], name: string, lastLine: number): { from: number; to: number } | null {
  const sorted = [...vms].sort((a, b) => a.line - b.line);
  const at = sorted.findIndex((v) => v.name === name);
  if (at < 0) return null;
  const next = sorted[at + 1];
  return { from: sorted[at]!.line, to: next ? next.line - 1 : lastLine };
}

/** The nights of a history strip, oldest first, ending on `until` (YYYY-MM-DD). */
export function historyNights(until: string, days: number): string[] {
  const end = Date.parse(`${until}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86400_000).toISOString().slice(0, 10));
}
