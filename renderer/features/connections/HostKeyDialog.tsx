import { useTranslation } from 'react-i18next';
import type { HostKeyPrompt } from '../../../shared/ipc/ssh.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { keyOf, useConnections } from '../../stores/connections/store.ts';
import { Fingerprint } from './Fingerprint.tsx';
import { useInitialFocus } from './initial-focus.ts';
import { nameAndAddress, useMachine } from './use-machine.ts';

/**
 * First contact, or the new key after the user forgot a changed one: the key type and fingerprint, how to check them
 * on this kind of machine, and a choice that defaults to not connecting.
 */
export function HostKeyDialog({ prompt, onAnswer }: { prompt: HostKeyPrompt; onAnswer(decision: 'trust' | 'reject'): void }) {
  const { t } = useTranslation();
  const machine = useMachine(prompt);
  const replaced = useConnections((s) => s.replaced.includes(keyOf(prompt)));
  const where = { host: nameAndAddress(machine, prompt.host, prompt.port), port: prompt.port };
  const kind = machine?.role ?? 'other';
  // Not connecting is the default: Enter right after the dialog opens must not trust a key nobody read.
  const body = useInitialFocus<HTMLDivElement>();
  return (
    <Dialog
      open
      title={t(replaced ? 'ssh.hostKey.title.replaced' : 'ssh.hostKey.title', { name: machine?.name ?? prompt.host })}
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
      <div ref={body} className="hostkey" data-testid="host-key-dialog" data-replaced={replaced}>
        <p>{t(replaced ? 'ssh.hostKey.intro.replaced' : 'ssh.hostKey.intro', where)}</p>
        <dl className="facts">
          <dt>{t('ssh.hostKey.host')}</dt>
          <dd>
            {machine && machine.name !== prompt.host ? <strong>{machine.name} </strong> : null}
            <span className="mono">{prompt.port === 22 ? prompt.host : `${prompt.host}:${prompt.port}`}</span>
          </dd>
          <dt>{t('ssh.hostKey.keyType')}</dt>
          <dd className="mono">{prompt.keyType}</dd>
        </dl>
        <div className="hostkey-fingerprint">
          <span className="hostkey-label">{t('ssh.hostKey.fingerprint')}</span>
          <Fingerprint value={prompt.fingerprint} />
        </div>
        <p className="small">{t(`ssh.hostKey.howToCheck.${kind}`)}</p>
        <pre className="hostkey-command">{t('ssh.hostKey.checkCommand')}</pre>
        <p className="muted small">{t('ssh.hostKey.pinNote', { host: prompt.host, port: prompt.port })}</p>
      </div>
    </Dialog>
  );
}
