import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionSelectors, useConnections } from '../../stores/connections/store.ts';
import { useToasts } from '../../stores/toasts/store.ts';
import { AuthPromptDialog } from './AuthPromptDialog.tsx';
import { HostKeyChangedDialog } from './HostKeyChangedDialog.tsx';
import { HostKeyDialog } from './HostKeyDialog.tsx';
import './connections.css';

/**
 * The SSH layer's questions, one dialog at a time: a refused key change first (it is the loudest), then a new
 * host key, then login prompts. Each dialog is keyed by its prompt so its fields start empty.
 */
export function ConnectionDialogs() {
  const { t } = useTranslation();
  const change = useConnections(connectionSelectors.firstChange);
  const hostKey = useConnections(connectionSelectors.firstHostKeyPrompt);
  const auth = useConnections(connectionSelectors.firstAuthPrompt);
  const { answerHostKey, answerAuth, cancelAuth, dismissChange, forgetPin } = useConnections.getState();

  useEffect(() => useConnections.getState().connect((code) => useToasts.getState().push('warning', t(`ssh.notice.${code}`))), [t]);

  if (change) return <HostKeyChangedDialog key={`${change.hostId}-${change.at}`} change={change} onClose={() => dismissChange(change)} onForget={() => void forgetPin(change)} />;
  if (hostKey) return <HostKeyDialog key={hostKey.promptId} prompt={hostKey} onAnswer={(d) => void answerHostKey(hostKey.promptId, d)} />;
  if (auth) {
    return (
      <AuthPromptDialog
        key={auth.promptId}
        prompt={auth}
        onSubmit={(answers, remember, accept) => void answerAuth(auth.promptId, answers, remember, accept)}
        onCancel={() => void cancelAuth(auth.promptId)}
      />
    );
  }
  return null;
}
