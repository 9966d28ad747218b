import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/ipc/event-hub.ts';
import type { Router } from '../../../electron/core/ipc/router.ts';
import { ok } from '../../../shared/ipc/result.ts';
import type { RunEnded } from '../../../shared/model/backup-history.ts';
import { Notification, recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { notifyRunsEnded } = await import('../../../electron/main/notifications/run-ended-notice.ts');

/** The settings call the notifier makes, answered with the user's language. */
const settingsIn = (language: 'it' | 'en'): Router => ({ dispatch: (name) => Promise.resolve(name === 'settings.get' ? ok({ language, theme: 'system' }) : ok(null)) });
const settled = () => new Promise((resolve) => setImmediate(resolve));

const failed: RunEnded = {
  runId: 'r1',
  hostId: 'h1',
  host: 'esxi-08',
  origin: 'cron',
  state: 'ended',
  exitCode: 1,
  finalStatus: 'One or more VMs failed to backup!',
  failedVms: ['segreteria-dc01'],
  cancelledVms: [],
  verify: 'problems',
  problems: true,
};
const clean: RunEnded = { ...failed, runId: 'r2', exitCode: 0, finalStatus: 'All VMs backed up OK!', failedVms: [], verify: 'verified', problems: false };

describe('the desktop notification of a backup that ended (Electron main)', () => {
  beforeEach(resetElectron);

  it('a run with problems raises exactly one notification, in the user’s language; a clean run raises none', async () => {
    const events = new EventHub();
    const stop = notifyRunsEnded(events, settingsIn('it'));
    events.emit('backup:runEnded', clean);
    events.emit('backup:runEnded', failed);
    // The same run announced again (verified again after a cancel, say) is not notified twice.
    events.emit('backup:runEnded', failed);
    events.emit('fleet:hostUpdated', { hostId: 'h1', state: 'ok' });
    await settled();
    expect(recorded.notifications).toEqual([
      {
        title: 'Il backup di esxi-08 è finito con problemi',
        body: 'Il backup di esxi-08 è finito con problemi: codice di uscita di ghettoVCB 1; VM non copiate bene: segreteria-dc01; copie: copie con problemi. Apri la sua pagina per sapere cosa fare.',
      },
    ]);
    stop();
    events.emit('backup:runEnded', { ...failed, runId: 'r3' });
    await settled();
    expect(recorded.notifications).toHaveLength(1);
  });

  it('in English; a cancelled run is told as cancelled, with its partial copy', async () => {
    const events = new EventHub();
    notifyRunsEnded(events, settingsIn('en'));
    events.emit('backup:runEnded', { ...failed, origin: 'custode', state: 'cancelled', exitCode: 143, failedVms: [], cancelledVms: ['segreteria-dc01'], verify: 'nothing' });
    await settled();
    expect(recorded.notifications).toEqual([
      {
        title: 'The backup of esxi-08 was cancelled',
        body: 'The backup of esxi-08 was cancelled: partial copies left on the share, not backups: segreteria-dc01. Open its page to see what was left.',
      },
    ]);
  });

  it('shows nothing where the system has no notifications', async () => {
    Notification.supported = false;
    const events = new EventHub();
    notifyRunsEnded(events, settingsIn('en'));
    events.emit('backup:runEnded', failed);
    await settled();
    expect(recorded.notifications).toEqual([]);
  });
});
