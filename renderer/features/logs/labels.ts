import type { BadgeTone } from '../../components/badge-tone.ts';
import type { HistoryCell, RunStatus } from '../../../shared/model/log-catalog.ts';
import type { RunVm } from '../../../shared/ipc/logs.ts';

/** How a run status and a VM outcome look: the badge tone follows how much the user should worry. */
export const STATUS_TONE: Record<RunStatus, BadgeTone> = { ok: 'success', warn: 'warning', error: 'danger', aborted: 'danger', dryrun: 'info', running: 'info' };

export function outcomeTone(outcome: RunVm['outcome']): BadgeTone {
  if (outcome === 'ok') return 'success';
  if (outcome === 'warn_independent_disks' || outcome === 'excluded' || outcome === 'skipped_has_snapshot') return 'warning';
  return 'danger';
}

export const CELLS: readonly HistoryCell[] = ['ok', 'warn', 'error', 'skipped', 'absent', 'none'];

export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}
