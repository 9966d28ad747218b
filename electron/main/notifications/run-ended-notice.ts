import { Notification } from 'electron';
import type { EventHub } from '../../core/ipc/event-hub.ts';
import type { Router } from '../../core/ipc/router.ts';
import { fill, type Lang } from '../../core/ghettovcb/text.ts';
import { messages as backup } from '../../../shared/i18n/backup.ts';
import { messages as backupCancel } from '../../../shared/i18n/backup-cancel.ts';
import { messages as backupCancelled } from '../../../shared/i18n/backup-cancelled.ts';
import { messages as backupVerify } from '../../../shared/i18n/backup-verify.ts';
import { messages as backupsUi2 } from '../../../shared/i18n/backups-ui2.ts';
import type { RunEnded } from '../../../shared/model/backup-history.ts';
import { runEndedText, runEndedTitle, type Words } from '../../../shared/model/run-ended-words.ts';

/** The catalogs the notice's words come from (the renderer's banner says the same, through i18next). */
const catalogs = [backup, backupCancel, backupCancelled, backupVerify, backupsUi2] as const;

/** The language the user chose in Settings (Italian, the app's default, when it cannot be read). */
async function userLanguage(router: Router): Promise<Lang> {
  const settings = await router.dispatch('settings.get', {}, { signal: new AbortController().signal });
  return settings.ok && (settings.value as { language?: string }).language === 'en' ? 'en' : 'it';
}

function words(lang: Lang): Words {
  const all: Readonly<Record<string, string>> = Object.assign({}, ...catalogs.map((c) => c[lang]));
  return (key, params = {}) => fill(all[key] ?? key, params);
}

/**
 * The desktop app's notice of a backup that ended with problems (or was cancelled): one Electron notification per
 * run, in the user's language, raised from the main process so it shows whether or not the window is looked at.
 * A run that ended well raises none. Returns the unsubscribe.
 */
export function notifyRunsEnded(events: EventHub, router: Router): () => void {
  const shown = new Set<string>();
  return events.subscribe((event, payload) => {
    if (event !== 'backup:runEnded') return;
    const ended = payload as RunEnded;
    if (!ended.problems || shown.has(ended.runId) || !Notification.isSupported()) return;
    shown.add(ended.runId);
    void userLanguage(router).then((lang) => {
      const t = words(lang);
      new Notification({ title: runEndedTitle(t, ended), body: runEndedText(t, ended) }).show();
    });
  });
}
