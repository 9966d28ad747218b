import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import { client } from '../../app/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { dateTime } from '../fleet/format.ts';
import { awaitJob } from '../jobs/await-job.ts';
import { useBackups } from './backups-store.ts';
import { checkTone, runVerify, vmVerifyTone } from './verify-labels.ts';

/** Asks core to verify what the host's runs left on the share (a job), then reads the history again. */
function VerifyNow({ hostId }: { hostId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const done = await awaitJob(() => client().call('backup.verify', { hostId })).done;
      if (done.state === 'failed' && done.error) setError(done.error);
      await useBackups.getState().refresh();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => void verify()} disabled={busy}>
        {busy ? t('backups.ui2.verify.running') : t('backups.ui2.verify.run')}
      </Button>
      <ErrorAlert error={error} />
    </>
  );
}

/** What Custode found on the share for each VM of an ended run: the copy folder, and every check with its words. */
export function RunVerification({ run }: { run: HistoryRun }) {
  const { t, i18n } = useTranslation();
  const summary = runVerify(run);
  return (
    <section className="card" data-testid="run-verify" data-verdict={run.verify?.verdict ?? 'notYet'} aria-labelledby="backup-verify-title">
      <div className="backup-ending-head">
        <h3 id="backup-verify-title">{t('backups.ui2.verify.title')}</h3>
        <Badge tone={summary.tone}>{t(summary.key)}</Badge>
        {run.verify ? <span className="muted small">{t('backups.ui2.verify.checkedAt', { when: dateTime(i18n.language, run.verify.at) })}</span> : null}
      </div>
      {run.verify === null ? (
        <div className="stack-sm">
          <p className="muted">{t('backups.ui2.verify.notChecked')}</p>
          <VerifyNow hostId={run.hostId} />
        </div>
      ) : (
        <ul className="backup-vm-outcomes">
          {run.verify.vms.map((vm) => (
            <li key={vm.vm} className="backup-vm-outcome" data-testid="vm-verify" data-vm={vm.vm} data-verdict={vm.verdict}>
              <div className="backup-vm-outcome-head">
                <strong>{vm.vm}</strong>
                <Badge tone={vmVerifyTone(vm.verdict)}>{t(`backup.verify.verdict.${vm.verdict}`)}</Badge>
                {vm.copy ? <code className="small">{vm.copy}</code> : null}
              </div>
              <ul className="backup-verify-checks">
                {vm.checks.map((c) => (
                  <li key={c.check} data-testid="verify-check" data-check={c.check} data-verdict={c.verdict}>
                    <Badge tone={checkTone(c.verdict)}>{t(`backups.ui2.check.${c.verdict}`)}</Badge> {t(c.code, c.params)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
