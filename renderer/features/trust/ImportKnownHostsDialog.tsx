import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { MethodOutput } from '../../../shared/ipc/contract.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CallError, client } from '../../app/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

type Report = MethodOutput<'ssh.trust.importKnownHosts'>;

/**
 * Pins from an OpenSSH known_hosts. Hashed entries can only be matched, so the machines Custode knows are offered
 * as candidates; a key that differs from a pinned one is reported, never imported.
 */
export function ImportKnownHostsDialog({ onClose }: { onClose(imported: boolean): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const run = async () => {
    setError(null);
    try {
      const view = await client().call('fleet.view', {});
      const candidates = [...view.esxi, ...view.nas].map((s) => ({ host: s.host.address, port: s.host.port }));
      setReport(await client().call('ssh.trust.importKnownHosts', { text, candidates }));
    } catch (e) {
      setError(e instanceof CallError ? e.data : { code: 'internal', message: String(e) });
    }
  };
  return (
    <Dialog
      open
      title={t('trust.ui.importTitle')}
      onClose={() => onClose(report !== null)}
      actions={
        report ? (
          <Button variant="primary" onClick={() => onClose(true)}>
            {t('operations.result.close')}
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose(false)}>{t('operations.review.cancel')}</Button>
            <Button variant="primary" disabled={text.trim() === ''} onClick={() => void run()}>
              {t('trust.ui.importRun')}
            </Button>
          </>
        )
      }
    >
      <p className="muted">{t('trust.ui.importBody')}</p>
      {report ? (
        <div data-testid="import-report">
          <p>
            {t('trust.ui.importReport', {
              imported: report.imported.length,
              unchanged: report.unchanged,
              conflicts: report.conflicts.length,
              revoked: report.revoked,
              skipped: report.skipped,
            })}
          </p>
          <ul className="small">
            {report.conflicts.map((c) => (
              <li key={`${c.host}:${c.port}:${c.keyType}:${c.line}`}>{t('trust.ui.conflict', c)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <label className="plan-reason">
            <span>{t('trust.ui.importFile')}</span>
            <input type="file" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
          </label>
          <label className="plan-reason">
            <span>{t('trust.ui.importText')}</span>
            <textarea name="known_hosts" className="mono" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
        </>
      )}
      <ErrorAlert error={error} />
    </Dialog>
  );
}
