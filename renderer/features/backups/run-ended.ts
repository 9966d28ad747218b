import type { TFunction } from 'i18next';
import type { RunEnded } from '../../../shared/model/backup-history.ts';
import { runEndedText as sharedText, runEndedTitle, type Words } from '../../../shared/model/run-ended-words.ts';

const words = (t: TFunction): Words => (key, params) => t(key, params ?? {});

/** What went wrong with a run that ended with problems, in one sentence (the same words as the desktop notification). */
export const runEndedText = (t: TFunction, e: RunEnded): string => sharedText(words(t), e);

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
    new Notify(runEndedTitle(words(t), e), { body: runEndedText(t, e), tag: `backup-run-${e.runId}` });
    return true;
  } catch {
    return false;
  }
}
