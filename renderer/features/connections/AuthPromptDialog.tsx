import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AuthPrompt } from '../../../shared/ipc/ssh.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { sharable, useConnections } from '../../stores/connections/store.ts';
import { machineLabel } from '../../stores/fleet/slices/view/machines.ts';
import { fleetStore } from '../../stores/fleet/store.ts';
import { useMachine } from './use-machine.ts';

/** A host's question during login (keyboard-interactive round, password, key passphrase), answered here and sent back. */
export function AuthPromptDialog({ prompt, onSubmit, onCancel }: {
  prompt: AuthPrompt;
  onSubmit(answers: string[], remember: boolean, acceptBasicText: boolean, share: boolean): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const [remember, setRemember] = useState(false);
  const [agree, setAgree] = useState(false);
  const [share, setShare] = useState(false);
  const machine = useMachine({ hostId: prompt.hostId, host: prompt.host });
  const words = { host: machine && machine.name !== prompt.host ? `${machine.name} (${prompt.host})` : prompt.host, user: prompt.username, path: prompt.name };
  // Other machines asking for a password right now (a refresh logs in everywhere at once): one answer may serve them.
  const others = useConnections(useShallow((s) => (sharable(prompt) ? s.authPrompts.filter((p) => p.promptId !== prompt.promptId && sharable(p)) : [])));
  const otherNames = others.map((p) => machineLabel(fleetStore.getState(), { hostId: p.hostId, host: p.host })?.name ?? p.host);
  const storage = prompt.storage;
  const canStore = prompt.canRemember && storage.kind !== 'unavailable';
  const needsConsent = storage.kind === 'basic-text' && !storage.basicTextAccepted;
  // Remembering on a keyring-less Linux desktop takes the second, explicit tick.
  const willRemember = canStore && remember && (!needsConsent || agree);
  const label = (text: string): string => (prompt.kind === 'passphrase' ? t('ssh.auth.passphrase') : text.replace(/:\s*$/, ''));
  return (
    <Dialog
      open
      title={t(`ssh.auth.title.${prompt.kind}`, words)}
      onClose={onCancel}
      actions={
        <>
          <Button onClick={onCancel}>{t('ssh.auth.cancel')}</Button>
          <Button variant="primary" type="submit" form={`auth-${prompt.promptId}`}>
            {prompt.prompts.length === 0 ? t('ssh.auth.continue') : t('ssh.auth.submit')}
          </Button>
        </>
      }
    >
      <form
        id={`auth-${prompt.promptId}`}
        className="auth-form"
        data-testid="auth-prompt-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(answers, willRemember, willRemember && needsConsent, share && others.length > 0);
        }}
      >
        <p>{t(`ssh.auth.intro.${prompt.kind}`, words)}</p>
        {prompt.kind === 'keyboard-interactive' && (prompt.name.trim() || prompt.instructions.trim()) ? (
          <div className="auth-from-host">
            <span className="hostkey-label">{t('ssh.auth.fromHost')}</span>
            {prompt.name.trim() ? <strong>{prompt.name}</strong> : null}
            {prompt.instructions.trim() ? <pre>{prompt.instructions}</pre> : null}
          </div>
        ) : null}
        {prompt.prompts.map((field, i) => (
          <label key={i} className="auth-field">
            <span>{label(field.text)}</span>
            <input
              type={field.echo ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              autoFocus={i === 0}
              value={answers[i] ?? ''}
              onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            />
          </label>
        ))}
        {others.length > 0 ? (
          <label className="auth-check" data-testid="auth-share">
            <input type="checkbox" name="share" checked={share} onChange={(e) => setShare(e.target.checked)} />
            <span>
              {t('ssh.auth.share', { count: others.length, names: otherNames.join(', ') })}
              <span className="muted small add-check-hint"> {t('ssh.auth.shareHint')}</span>
            </span>
          </label>
        ) : null}
        {canStore ? (
          <label className="auth-check">
            <input type="checkbox" name="remember" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <span>{t(`ssh.auth.remember.${storage.kind}`, { name: storage.name })}</span>
          </label>
        ) : null}
        {prompt.canRemember && storage.kind === 'unavailable' ? <p className="muted small">{t('ssh.auth.remember.unavailable')}</p> : null}
        {canStore && remember && needsConsent ? (
          <div className="auth-warning" role="alert">
            <p className="small">{t('ssh.auth.basicText.warning')}</p>
            <label className="auth-check">
              <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} />
              <span>{t('ssh.auth.basicText.agree')}</span>
            </label>
          </div>
        ) : null}
        {canStore && !remember ? <p className="muted small">{t('ssh.auth.notRemembered')}</p> : null}
      </form>
    </Dialog>
  );
}
