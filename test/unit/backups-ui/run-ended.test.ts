import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceRunEnded, runEndedText } from '../../../renderer/features/backups/run-ended.ts';
import { messages as backupWords } from '../../../shared/i18n/backup.ts';
import { messages as cancelWords } from '../../../shared/i18n/backup-cancel.ts';
import { messages as cancelledWords } from '../../../shared/i18n/backup-cancelled.ts';
import { messages as verifyWords } from '../../../shared/i18n/backup-verify.ts';
import { messages as uiWords } from '../../../shared/i18n/backups-ui2.ts';
import type { RunEnded } from '../../../shared/model/backup-history.ts';

// A run cancelled mid-copy: ghettoVCB killed (exit 143), its VM's copy left partial (not a backup, not a failure).
const cancelled: RunEnded = {
  runId: 'r1',
  hostId: 'h1',
  host: 'esxi-08',
  origin: 'custode',
  state: 'cancelled',
  exitCode: 143,
  finalStatus: null,
  failedVms: [],
  cancelledVms: ['segreteria-dc01'],
  verify: 'nothing',
  problems: true,
};
// A run that stopped on its own mid-copy: killed from outside (exit 2), its VM's copy not verified.
const lost: RunEnded = { ...cancelled, state: 'lost', exitCode: 2, cancelledVms: [], failedVms: ['segreteria-dc01'], verify: 'problems' };

async function translator(lang: 'en' | 'it') {
  const i18n = i18next.createInstance();
  const words = (l: 'en' | 'it') => ({ ...backupWords[l], ...cancelWords[l], ...cancelledWords[l], ...verifyWords[l], ...uiWords[l] });
  await i18n.init({ lng: lang, keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false }, resources: { en: { translation: words('en') }, it: { translation: words('it') } } });
  return i18n.t;
}

describe('the notice of a backup that ended with problems', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says what went wrong: the run’s state, ghettoVCB’s exit code, the VMs and the copies (en/it)', async () => {
    expect(runEndedText(await translator('en'), lost)).toBe(
      'The backup of esxi-08 ended with problems: run stopped without an exit code; ghettoVCB exit code 2; VMs not copied well: segreteria-dc01; copies: copies with problems. Open its page to see what to do.',
    );
    expect(runEndedText(await translator('it'), lost)).toBe(
      'Il backup di esxi-08 è finito con problemi: backup fermato senza codice di uscita; codice di uscita di ghettoVCB 2; VM non copiate bene: segreteria-dc01; copie: copie con problemi. Apri la sua pagina per sapere cosa fare.',
    );
  });

  it('tells a cancelled run as cancelled, with its partial copies, never as ended nor as a failed copy (en/it)', async () => {
    expect(runEndedText(await translator('en'), cancelled)).toBe(
      'The backup of esxi-08 was cancelled: partial copies left on the share, not backups: segreteria-dc01. Open its page to see what was left.',
    );
    expect(runEndedText(await translator('it'), cancelled)).toBe(
      'Il backup di esxi-08 è stato annullato: copie parziali lasciate sulla condivisione, non sono backup: segreteria-dc01. Apri la sua pagina per vedere cosa è rimasto.',
    );
    expect(runEndedText(await translator('en'), { ...cancelled, cancelledVms: [] })).toBe('The backup of esxi-08 was cancelled: no copy was cut off. Open its page to see what was left.');
  });

  it('a run that ended with exit 0 and verified copies but a failed VM names only the VM', async () => {
    const text = runEndedText(await translator('en'), { ...cancelled, state: 'ended', exitCode: 0, verify: 'verified', cancelledVms: [], failedVms: ['segreteria-app'] });
    expect(text).toBe('The backup of esxi-08 ended with problems: VMs not copied well: segreteria-app. Open its page to see what to do.');
  });

  it('is a desktop notification only when the user already allowed them; otherwise the caller shows the banner', async () => {
    const t = await translator('it');
    const shown: { title: string; options: { body: string; tag: string } }[] = [];
    let permission = 'default';
    class FakeNotification {
      static get permission() {
        return permission;
      }
      constructor(title: string, options: { body: string; tag: string }) {
        shown.push({ title, options });
      }
    }
    expect(announceRunEnded(cancelled, t)).toBe(false);
    vi.stubGlobal('Notification', FakeNotification);
    expect(announceRunEnded(cancelled, t)).toBe(false);
    permission = 'denied';
    expect(announceRunEnded(cancelled, t)).toBe(false);
    expect(shown).toEqual([]);
    permission = 'granted';
    expect(announceRunEnded(cancelled, t)).toBe(true);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toEqual({ title: 'Il backup di esxi-08 è stato annullato', options: { body: runEndedText(t, cancelled), tag: 'backup-run-r1' } });
  });
});
