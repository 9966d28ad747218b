import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { ReasonField } from '../operations/ReasonField.tsx';
import { awaitJob } from '../jobs/await-job.ts';
import { useBackups } from './backups-store.ts';
import '../operations/operations.css';

/** What `backup.cancel`'s job answers (electron/core/backup/cancel.ts CancelResult), as far as this page shows it. */
interface CancelOutcome {
  pid: number;
  removedSnapshots: { vm: string; name: string; id: number }[];
  partialFolders: { vm: string; path: string }[];
}

/** How the cancel went: ghettoVCB stopped, the snapshots removed, the partial folders left in place and marked. */
function CancelDone({ host, outcome }: { host: string; outcome: CancelOutcome }) {
  const { t } = useTranslation();
  return (
    <section className="card backup-cancelled" data-testid="cancel-outcome" aria-live="polite">
      <p><strong>{t('backups.ui2.cancel.done', { host, pid: outcome.pid })}</strong></p>
      <ul>
        {outcome.removedSnapshots.length === 0 ? <li>{t('backups.ui2.cancel.noSnapshot')}</li> : outcome.removedSnapshots.map((s) => <li key={`${s.vm}/${s.id}`}>{t('backups.ui2.cancel.snapshotRemoved', { name: s.name, vm: s.vm })}</li>)}
        {outcome.partialFolders.length === 0 ? (
          <li>{t('backups.ui2.cancel.noPartial')}</li>
        ) : (
          outcome.partialFolders.map((f) => (
            <li key={f.path} data-testid="partial-folder" data-vm={f.vm}>
              {t('backups.ui2.cancel.partialLeft', { vm: f.vm })} <code>{f.path}</code>
            </li>
          ))
        )}
      </ul>
    </section>
  );
}

/**
 * Cancel of the run going on on a host. Core plans the cancel from what the host shows at that moment and runs it
 * through the reviewed path at once (there is no plan to review first), so the dialog says what the cancel does and
 * asks for the reason before anything is sent.
 */
export function CancelRun({ hostId, host, going }: { hostId: string; host: string; going: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [outcome, setOutcome] = useState<CancelOutcome | null>(null);
  const trimmed = reason.trim();

  const cancel = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const done = await awaitJob(() => client().call('backup.cancel', { hostId, reason: trimmed })).done;
      if (done.state === 'succeeded') {
        setOutcome(done.result as CancelOutcome);
        setOpen(false);
        void useBackups.getState().refresh();
      } else if (done.error) setError(done.error);
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  if (outcome) return <CancelDone host={host} outcome={outcome} />;
  // The dialog stays open when the run ends meanwhile: core then says there is nothing to cancel.
  if (!going && !open) return null;
  return (
    <>
      {going ? (
        <div className="backup-cancel-bar">
          <Button variant="danger" onClick={() => setOpen(true)}>
            {t('backups.ui2.cancel.button')}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={open}
        tone="danger"
        title={t('backups.ui2.cancel.title', { host })}
        onClose={() => setOpen(false)}
        dismissable={!busy}
        actions={
          <>
            <Button onClick={() => setOpen(false)} disabled={busy}>
              {t('backups.ui2.cancel.keep')}
            </Button>
            <Button variant="danger" disabled={busy || trimmed.length === 0 || trimmed.length > REASON_MAX} onClick={() => void cancel()}>
              {busy ? t('backups.ui2.cancel.working') : t('backups.ui2.cancel.confirm')}
            </Button>
          </>
        }
      >
        <div className="stack-sm" data-testid="cancel-dialog">
          <p>{t('backups.ui2.cancel.intro')}</p>
          <ol className="backup-cancel-steps">
            <li>{t('backups.ui2.cancel.stop')}</li>
            <li>{t('backups.ui2.cancel.snapshot')}</li>
            <li>{t('backups.ui2.cancel.lock')}</li>
            <li>{t('backups.ui2.cancel.partial')}</li>
          </ol>
          <p className="muted small">{t('backups.ui2.cancel.audit')}</p>
          <ReasonField value={reason} onChange={setReason} disabled={busy} />
          <ErrorAlert error={error} />
        </div>
      </Dialog>
    </>
  );
}
