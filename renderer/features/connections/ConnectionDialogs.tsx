import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostKeyChanged } from '../../../shared/ipc/ssh.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { CallError, client } from '../../app/client.ts';
import { errorText } from '../../i18n/error-text.ts';
import { PlanReview } from '../operations/PlanReview.tsx';
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
  const { answerHostKey, answerAuth, cancelAuth, dismissChange, pinForgotten } = useConnections.getState();
  const [forgetting, setForgetting] = useState<{ change: HostKeyChanged; plan: OperationPlan } | null>(null);
  // Forgetting the old key is a reviewed, dangerous operation (a reason, then host:port confirmed by name).
  const reviewForget = (c: HostKeyChanged): void =>
    void client()
      .call('operations.plan', { kind: 'trust.forget', host: c.host, port: c.port })
      .then(
        (plan) => setForgetting({ change: c, plan }),
        (e: unknown) => useToasts.getState().push('danger', (now) => (e instanceof CallError ? errorText(now, e.data) : String(e))),
      );
  // Once the old key is forgotten the connection goes on at once, and its key dialog says the key was replaced
  // (not "never connected").
  const goOn = async (c: HostKeyChanged): Promise<void> => {
    pinForgotten(c);
    const fleet = fleetStore.getState();
    if ([...(fleet.view?.esxi ?? []), ...(fleet.view?.nas ?? [])].some((m) => m.host.id === c.hostId)) await fleet.refreshHosts([c.hostId]);
  };

  useEffect(() => useConnections.getState().connect((code) => useToasts.getState().push('warning', (now) => now(`ssh.notice.${code}`))), [t]);

  if (forgetting) {
    return (
      <PlanReview
        plan={forgetting.plan}
        onClose={(_ran, result) => {
          setForgetting(null);
          if (result?.outcome === 'succeeded') void goOn(forgetting.change);
        }}
      />
    );
  }
  if (change) return <HostKeyChangedDialog key={`${change.hostId}-${change.at}`} change={change} onClose={() => dismissChange(change)} onForget={() => reviewForget(change)} />;
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
