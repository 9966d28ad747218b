import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionSelectors, useConnections } from '../../stores/connections/store.ts';
import { fleetStore } from '../../stores/fleet/store.ts';
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
  // The old key is forgotten only after the user checked the new one: the connection goes on at once, and its
  // key dialog says the key was replaced (not "never connected").
  const forgetAndGoOn = async (c: typeof change & object): Promise<void> => {
    await forgetPin(c);
    const fleet = fleetStore.getState();
    if ([...(fleet.view?.esxi ?? []), ...(fleet.view?.nas ?? [])].some((m) => m.host.id === c.hostId)) await fleet.refreshHosts([c.hostId]);
  };

  useEffect(() => useConnections.getState().connect((code) => useToasts.getState().push('warning', t(`ssh.notice.${code}`))), [t]);

  if (change) return <HostKeyChangedDialog key={`${change.hostId}-${change.at}`} change={change} onClose={() => dismissChange(change)} onForget={() => void forgetAndGoOn(change)} />;
  if (hostKey) return <HostKeyDialog key={hostKey.promptId} prompt={hostKey} onAnswer={(d) => void answerHostKey(hostKey.promptId, d)} />;
  if (auth) {
    return (
      <AuthPromptDialog
        key={auth.promptId}
        prompt={auth}
        onSubmit={(answers, remember, accept, share) => void answerAuth(auth.promptId, answers, remember, accept, share)}
        onCancel={() => void cancelAuth(auth.promptId)}
      />
    );
  }
  return null;
}
