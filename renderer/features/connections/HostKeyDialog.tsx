import { useTranslation } from 'react-i18next';
import type { HostKeyPrompt } from '../../../shared/ipc/ssh.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import { useInitialFocus } from './initial-focus.ts';

/** First contact: the key type and fingerprint, how to check them, and a choice that defaults to not connecting. */
export function HostKeyDialog({ prompt, onAnswer }: { prompt: HostKeyPrompt; onAnswer(decision: 'trust' | 'reject'): void }) {
  const { t } = useTranslation();
  const where = { host: prompt.host, port: prompt.port };
  // Not connecting is the default: Enter right after the dialog opens must not trust a key nobody read.
  const body = useInitialFocus<HTMLDivElement>();
  return (
    <Dialog
      open
      title={t('ssh.hostKey.title')}
      onClose={() => onAnswer('reject')}
      actions={
        <>
          <Button data-initial-focus onClick={() => onAnswer('reject')}>
            {t('ssh.hostKey.reject')}
          </Button>
          <Button variant="primary" onClick={() => onAnswer('trust')}>
            {t('ssh.hostKey.trust')}
          </Button>
        </>
      }
    >
      <div ref={body} className="hostkey" data-testid="host-key-dialog">
        <p>{t('ssh.hostKey.intro', where)}</p>
        <dl className="facts">
          <dt>{t('ssh.hostKey.host')}</dt>
          <dd className="mono">{prompt.port === 22 ? prompt.host : `${prompt.host}:${prompt.port}`}</dd>
          <dt>{t('ssh.hostKey.keyType')}</dt>
          <dd className="mono">{prompt.keyType}</dd>
        </dl>
        <div className="hostkey-fingerprint">
          <span className="hostkey-label">{t('ssh.hostKey.fingerprint')}</span>
          <Fingerprint value={prompt.fingerprint} />
        </div>
        <p className="small">{t('ssh.hostKey.howToCheck')}</p>
        <pre className="hostkey-command">{t('ssh.hostKey.checkCommand')}</pre>
        <p className="muted small">{t('ssh.hostKey.pinNote', where)}</p>
      </div>
    </Dialog>
  );
}
