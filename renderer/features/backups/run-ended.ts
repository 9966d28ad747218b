import type { TFunction } from 'i18next';
import type { RunEnded } from '../../../shared/model/backup-history.ts';

/** What went wrong with a run that ended with problems, in one sentence: the run's state, the failed VMs, the copies. */
export function runEndedText(t: TFunction, e: RunEnded): string {
  const parts: string[] = [];
  if (e.state !== 'ended') parts.push(t('backups.ui2.ended.state', { state: t(`cli.backup.state.${e.state}`) }));
  if (e.exitCode !== null && e.exitCode !== 0) parts.push(t('backups.ui2.ended.exit', { code: e.exitCode }));
  if (e.failedVms.length > 0) parts.push(t('backups.ui2.ended.failedVms', { vms: e.failedVms.join(', ') }));
  if (e.verify !== null && e.verify !== 'verified') parts.push(t('backups.ui2.ended.verify', { verdict: t(`backup.verify.run.${e.verify}`) }));
  return t('backups.ui2.ended.problems', { host: e.host, what: parts.join('; ') || t('backup.verify.run.notYet') });
}

/** The part of the web Notification API used here (typed locally: this module is also compiled without the DOM). */
interface WebNotification {
  readonly permission: string;
  new (title: string, options: { body: string; tag: string }): unknown;
}

/**
 * A desktop notification through the web Notification API, when the user already allowed it (Custode never asks on
 * its own: a prompt out of nowhere is easily refused for good). False when it could not be shown: the caller shows
 * the in-app banner instead.
 */
export function announceRunEnded(e: RunEnded, t: TFunction): boolean {
  const Notify = (globalThis as { Notification?: WebNotification }).Notification;
  if (Notify === undefined || Notify.permission !== 'granted') return false;
  try {
    new Notify(t('backup.runEnded.problems', { host: e.host }), { body: runEndedText(t, e), tag: `backup-run-${e.runId}` });
    return true;
  } catch {
    return false;
  }
}
