import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostKeyChanged } from '../../../shared/ipc/ssh.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { useInitialFocus } from './initial-focus.ts';
import { nameAndAddress, useMachine } from './use-machine.ts';

/**
 * A pinned key changed: already refused. The dialog is loud, shows both keys side by side, and offers no way to
 * accept the new key; forgetting the old one needs a separate, ticked confirmation, and the connection then goes on with the new key shown.
 */
export function HostKeyChangedDialog({ change, onClose, onForget }: { change: HostKeyChanged; onClose(): void; onForget(): void }) {
  const { t, i18n } = useTranslation();
  const [checked, setChecked] = useState(false);
  // The safe choice holds the focus, not the checkbox.
  const body = useInitialFocus<HTMLDivElement>();
  const date = (ms: number): string => new Date(ms).toLocaleString(i18n.language);
  const machine = useMachine(change);
  const kind = machine?.role ?? 'other';
  return (
    <Dialog
      open
      tone="danger"
      title={t('ssh.changed.title', { host: nameAndAddress(machine, change.host, change.port) })}
      onClose={onClose}
      actions={
        <>
          <Button variant="danger" disabled={!checked} onClick={onForget}>
            {t('ssh.changed.forget')}
          </Button>
          <Button variant="primary" data-initial-focus onClick={onClose}>
            {t('ssh.changed.close')}
          </Button>
        </>
      }
    >
      <div ref={body} className="hostkey hostkey-changed" data-testid="host-key-changed-dialog">
        <p className="hostkey-alarm" role="alert">
          {t('ssh.changed.refused')}
        </p>
        <p>{t('ssh.changed.why')}</p>
        <div className="hostkey-compare">
          <section className="hostkey-side hostkey-side-old" data-testid="pinned-key">
            <h3>{t('ssh.changed.pinned')}</h3>
            <p className="mono small">{change.pinnedKeyType}</p>
            <Fingerprint value={change.pinnedFingerprint} tone="old" />
            <p className="muted small">{t('ssh.changed.pinnedAt', { date: date(change.pinnedAt) })}</p>
          </section>
          <section className="hostkey-side hostkey-side-new" data-testid="presented-key">
            <h3>{t('ssh.changed.presented')}</h3>
            <p className="mono small">{change.keyType}</p>
            <Fingerprint value={change.fingerprint} tone="new" />
            <p className="muted small">{t('ssh.changed.seenAt', { date: date(change.at) })}</p>
          </section>
        </div>
        <p className="small">{t(`ssh.changed.whatToDo.${kind}`)}</p>
        <pre className="hostkey-command">{t('ssh.hostKey.checkCommand')}</pre>
        <label className="hostkey-confirm small">
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          <span>{t('ssh.changed.confirmChecked')}</span>
        </label>
      </div>
    </Dialog>
  );
}
