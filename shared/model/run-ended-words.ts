import type { RunEnded } from './backup-history.ts';

/** A translator: the renderer's i18next `t`, or a plain lookup in the same catalogs (Electron main). */
export type Words = (key: string, params?: Record<string, string | number>) => string;

/** The notice's title: a cancelled run is told as cancelled, any other as ended with problems. */
export function runEndedTitle(t: Words, e: RunEnded): string {
  return t(e.state === 'cancelled' ? 'backup.runEnded.cancelled' : 'backup.runEnded.problems', { host: e.host });
}

/** What went wrong with a run that ended with problems (or was cancelled), in one sentence. */
export function runEndedText(t: Words, e: RunEnded): string {
  const cancelled = e.state === 'cancelled';
  const parts: string[] = [];
  if (!cancelled && e.state !== 'ended') parts.push(t('backups.ui2.ended.state', { state: t(`cli.backup.state.${e.state}`) }));
  // A cancel stops ghettoVCB with a signal: its exit code then says nothing the cancel does not.
  if (!cancelled && e.exitCode !== null && e.exitCode !== 0) parts.push(t('backups.ui2.ended.exit', { code: e.exitCode }));
  if (e.cancelledVms.length > 0) parts.push(t('backups.ui2.ended.partial', { vms: e.cancelledVms.join(', ') }));
  if (e.failedVms.length > 0) parts.push(t('backups.ui2.ended.failedVms', { vms: e.failedVms.join(', ') }));
  if (e.verify !== null && e.verify !== 'verified' && !(cancelled && e.verify === 'nothing')) parts.push(t('backups.ui2.ended.verify', { verdict: t(`backup.verify.run.${e.verify}`) }));
  const none = cancelled ? 'backups.ui2.ended.noPartial' : 'backup.verify.run.notYet';
  return t(cancelled ? 'backups.ui2.ended.cancelled' : 'backups.ui2.ended.problems', { host: e.host, what: parts.join('; ') || t(none) });
}
