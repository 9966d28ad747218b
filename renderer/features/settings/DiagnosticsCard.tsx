import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsReport } from '../../../shared/ipc/diagnostics.ts';
import { client } from '../../app/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Progress } from '../../components/Progress.tsx';
import { Table } from '../../components/Table.tsx';
import { jobSelectors, useJobs } from '../../stores/jobs/store.ts';
import { useSettings } from '../../stores/settings/store.ts';
import type { SecretStorage } from '../../../shared/ipc/ssh.ts';

const tone = { ok: 'success', warn: 'warning', fail: 'danger' } as const;

export function DiagnosticsCard() {
  const { t } = useTranslation();
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const job = useJobs(jobSelectors.byKind('diagnostics'));
  const cancel = useJobs((s) => s.cancel);
  const running = job?.state === 'running';
  const browser = useSettings((s) => s.info?.mode === 'browser');
  // The keychain row in words, from what core says it is, not the check's raw "kind: name" detail.
  const [storage, setStorage] = useState<SecretStorage | null>(null);
  useEffect(() => {
    void client().call('ssh.secrets.status', {}).then(setStorage, () => undefined);
  }, []);

  useEffect(() => {
    void client().call('diagnostics.last', {}).then(setReport);
  }, []);
  useEffect(() => {
    if (job?.state === 'succeeded') setReport(job.result as DiagnosticsReport);
  }, [job?.state, job?.result]);

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <div className="card-head">
        <div>
          <h2 id="diagnostics-title">{t('diagnostics.title')}</h2>
          <p className="muted">{t('diagnostics.body')}</p>
        </div>
        {running ? (
          <Button variant="secondary" onClick={() => void cancel(job.jobId)}>
            {t('jobs.cancel')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void client().call('diagnostics.start', {})}>
            {t('diagnostics.run')}
          </Button>
        )}
      </div>
      {running ? (
        <div className="stack-sm">
          <Progress fraction={job.fraction} label={t('diagnostics.running')} />
          <p className="muted small">{job.stepKey ? t(job.stepKey) : t('diagnostics.running')}</p>
        </div>
      ) : null}
      {job?.state === 'cancelled' ? <p className="muted">{t('error.job.cancelled')}</p> : null}
      {report ? (
        <Table
          caption={t('diagnostics.title')}
          rows={report.items}
          rowKey={(item) => item.id}
          columns={[
            { key: 'check', header: '', cell: (item) => t(`diagnostics.check.${item.id}`) },
            { key: 'status', header: '', cell: (item) => <Badge tone={tone[item.status]}>{t(`diagnostics.status.${item.status}`)}</Badge> },
            {
              key: 'detail',
              header: '',
              cell: (item) => (
                <span className={item.id === 'secretStore' && storage ? 'small' : 'mono small'}>
                  {item.id === 'secretStore' && storage ? t(`diagnostics.secretStore.${storage.kind}`, { name: storage.name }) : item.detail}
                  {item.id === 'secretStore' && item.status !== 'ok' ? (
                    <span className="fix">{t(browser ? 'diagnostics.fix.secretStore.browser' : 'diagnostics.fix.secretStore')}</span>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      ) : !running ? (
        <p className="muted">{t('diagnostics.never')}</p>
      ) : null}
    </section>
  );
}
