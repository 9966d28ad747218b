import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EsxiStatus, NasStatus } from '../../../shared/ipc/fleet.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Progress } from '../../components/Progress.tsx';
import { useToasts } from '../../stores/toasts/store.ts';
import { useJobWait } from '../jobs/use-job-wait.ts';
import { PlanReview } from '../operations/PlanReview.tsx';
import { useSetupDrafts } from './setup-drafts.ts';

/** Whether the host already has a backup setup (adopted, or set up by Custode): then it is edited, not set up. */
export const hasSetup = (host: EsxiStatus): boolean => host.installs.length > 0 || host.schedules.length > 0 || host.backupVolume !== null;

/**
 * The host page's setup actions: "Set up" a bare host, "Edit setup" an adopted one (the same wizard), and "Remove
 * setup": its plan read from both machines (a job the user can stop), reviewed and confirmed; copies stay on the NAS.
 */
export function HostSetupActions({ host, nas }: { host: EsxiStatus; nas: NasStatus[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [removal, setRemoval] = useState<OperationPlan | null>(null);
  const { error, wait, stop } = useJobWait();
  const adopted = hasSetup(host);
  const nasId = useSetupDrafts((s) => s.drafts[host.host.id]?.choices.nasId) || (nas[0]?.host.id ?? '');
  const planRemoval = async () => {
    setBusy(true);
    const r = await wait<{ plan: OperationPlan | null }>(() => client().call('setup.remove', { hostId: host.host.id, nasId }));
    setBusy(false);
    if (r?.plan) setRemoval(r.plan);
    else if (r) useToasts.getState().push('info', (now) => now('setup.cli.nothingToRemove'));
  };
  return (
    <div className="setup-actions-bar" data-testid="setup-actions">
      <span className="muted small">{t(adopted ? 'setup.ui.entry.adopted' : 'setup.ui.entry.bare')}</span>
      <Button variant={adopted ? 'secondary' : 'primary'} disabled={nas.length === 0} onClick={() => useSetupDrafts.getState().start(host.host.id, adopted ? 'edit' : 'setup', nasId)}>
        {t(adopted ? 'setup.ui.entry.edit' : 'setup.ui.entry.setup')}
      </Button>
      {adopted ? (
        <Button variant="ghost" disabled={busy || nas.length === 0} onClick={() => void planRemoval()}>
          {t('setup.ui.entry.remove')}
        </Button>
      ) : null}
      {nas.length === 0 ? <span className="muted small">{t('setup.ui.host.noNas')}</span> : null}
      {busy ? (
        <span className="setup-inline" aria-live="polite">
          <Progress fraction={null} label={t('setup.remove')} />
          <Button variant="ghost" onClick={stop}>
            {t('setup.ui.stop')}
          </Button>
        </span>
      ) : null}
      <ErrorAlert error={error} />
      {removal ? <PlanReview plan={removal} onClose={() => setRemoval(null)} /> : null}
    </div>
  );
}
