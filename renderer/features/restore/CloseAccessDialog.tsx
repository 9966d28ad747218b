import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import type { AccessCloseResult, OpenAccess } from '../../../shared/model/restore-access.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Progress } from '../../components/Progress.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { awaitJob } from '../jobs/await-job.ts';
import { ReasonField } from '../operations/ReasonField.tsx';

const hostsOrDash = (hosts: readonly string[] | null): string => (hosts === null || hosts.length === 0 ? '—' : hosts.join(', '));

/**
 * "Close now" for one open access: what the close does (and what it leaves alone), the reason for the trail, then the
 * job with Stop; a failure stays in the dialog in words, a success hands the result to the card.
 */
export function CloseAccessDialog({ access, onCancel, onClosed }: { access: OpenAccess; onCancel(): void; onClosed(result: AccessCloseResult): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const trimmed = reason.trim();
  const params = { host: access.host.name, nas: access.nas.name, share: access.share, datastore: access.datastore, before: hostsOrDash(access.originalHosts) };

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      const job = awaitJob(() => client().call('restore.accessClose', { id: access.id, reason: trimmed }));
      stop.current = job.cancel;
      const done = await job.done;
      if (done.state === 'succeeded') onClosed(done.result as AccessCloseResult);
      else if (done.error) setError(done.error);
    } catch (e) {
      setError(errorData(e));
    } finally {
      stop.current = null;
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title={t('restore.accesses.dialogTitle', params)}
      onClose={onCancel}
      dismissable={!busy}
      actions={
        busy ? (
          <Button onClick={() => stop.current?.()}>{t('restore.accesses.stop')}</Button>
        ) : (
          <>
            <Button onClick={onCancel}>{t('restore.accesses.keep')}</Button>
            <Button variant="primary" disabled={trimmed.length === 0 || trimmed.length > REASON_MAX} onClick={() => void close()}>
              {t('restore.accesses.confirm')}
            </Button>
          </>
        )
      }
    >
      <div className="stack-sm" data-testid="access-close-dialog" data-state={busy ? 'closing' : error ? 'failed' : 'ready'}>
        <p>{t('restore.accesses.dialogIntro')}</p>
        <ol className="access-close-steps">
          <li>{t('restore.accesses.dialogUnmount', params)}</li>
          {access.widenedTo !== null ? <li>{t('restore.accesses.dialogRestore', params)}</li> : null}
          <li>{t('restore.accesses.dialogProve')}</li>
        </ol>
        <p className="muted small">{t('restore.accesses.dialogAudit')}</p>
        <ReasonField value={reason} onChange={setReason} disabled={busy} />
        {busy ? <Progress fraction={null} label={t('restore.accesses.closing')} /> : null}
        <ErrorAlert error={error} />
      </div>
    </Dialog>
  );
}
