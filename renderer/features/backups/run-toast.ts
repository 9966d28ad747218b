import type { TFunction } from 'i18next';
import type { BackupRun } from '../../../shared/model/backup.ts';
import type { ToastTone } from '../../stores/toasts/store.ts';

/**
 * The toast of a job that followed a run to its end, from how the run ended (the job itself "succeeds" whenever it
 * followed the run to the end, cancelled or not): cancelled with its partial copies, lost, ended with problems, or
 * ended well. Null when the job's result is not a run.
 */
export function backupRunToast(t: TFunction, title: string, result: unknown): { tone: ToastTone; text: string } | null {
  const run = result as Partial<BackupRun> | null | undefined;
  if (typeof run?.state !== 'string' || !Array.isArray(run.outcomes)) return null;
  if (run.state === 'cancelled') {
    const partial = run.outcomes.filter((o) => o.outcome === 'cancelled').map((o) => o.vm);
    return { tone: 'warning', text: partial.length > 0 ? t('backups.job.cancelledPartial', { title, vms: partial.join(', ') }) : t('backups.job.cancelled', { title }) };
  }
  if (run.state === 'lost') return { tone: 'danger', text: t('backups.job.lost', { title }) };
  if (run.state !== 'ended') return null;
  const verify = (result as { verify?: { verdict: string } | null }).verify;
  if (run.exitCode !== 0 || run.outcomes.some((o) => o.outcome !== 'ok') || verify?.verdict === 'problems') return { tone: 'warning', text: t('backups.job.problems', { title }) };
  return verify?.verdict === 'verified' || verify?.verdict === 'nothing' ? { tone: 'success', text: t('backups.job.ended', { title }) } : { tone: 'success', text: t('backups.job.endedUnverified', { title }) };
}
