import { useTranslation } from 'react-i18next';
import type { HistoryRun } from '../../../shared/model/backup-history.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Table, type Column } from '../../components/Table.tsx';
import { dateTime } from '../fleet/format.ts';
import { useBackups } from './backups-store.ts';
import { runEnd, vmOutcomeTone } from './outcome.ts';
import { runVerify } from './verify-labels.ts';

/** The runs across the fleet (Custode's and the schedules'), newest first, with each VM's outcome and what verification found. */
export function RecentRuns() {
  const { t, i18n } = useTranslation();
  const runs = useBackups((s) => s.runs);
  const loaded = useBackups((s) => s.loaded);
  const columns: Column<HistoryRun>[] = [
    { key: 'when', header: t('backups.ui.recent.when'), cell: (r) => <span className="backup-nowrap">{dateTime(i18n.language, r.startedAt)}</span> },
    { key: 'host', header: t('backups.ui.recent.host'), cell: (r) => <span className="backup-nowrap">{r.hostName}</span> },
    {
      key: 'end',
      header: t('backups.ui.recent.end'),
      cell: (r) => {
        const end = runEnd(r);
        return <Badge tone={end.tone}>{t(end.key)}</Badge>;
      },
    },
    {
      key: 'verify',
      header: t('backups.ui2.verify.column'),
      cell: (r) => {
        const v = runVerify(r);
        return (
          <span data-testid="run-verify-badge" data-verdict={r.verify?.verdict ?? 'notYet'}>
            <Badge tone={v.tone}>{t(v.key)}</Badge>
          </span>
        );
      },
    },
    {
      key: 'vms',
      header: t('backups.ui.recent.vms'),
      cell: (r) =>
        r.outcomes.length > 0 ? (
          <span className="backup-outcomes">
            {r.outcomes.map((o) => (
              <Badge key={o.vm} tone={vmOutcomeTone(o.outcome)}>
                {o.vm}: {t(`ghettovcb.outcome.${o.outcome}.label`)}
              </Badge>
            ))}
          </span>
        ) : (
          <span className="muted">{r.vms.length === 0 ? t('cli.backup.allVmsShort') : r.vms.join(', ')}</span>
        ),
    },
    {
      key: 'why',
      header: t('backups.ui.recent.why'),
      cell: (r) => <span className="backup-reason">{r.origin === 'cron' ? t('backup.origin.cron') : t('backups.ui.recent.by', { by: r.startedBy, reason: r.reason })}</span>,
    },
    {
      key: 'open',
      header: <span className="visually-hidden">{t('backups.ui.open')}</span>,
      align: 'end',
      cell: (r) => (
        <Button variant="ghost" aria-label={t('backups.ui.recent.openRun', { host: r.hostName, when: dateTime(i18n.language, r.startedAt) })} onClick={() => useBackups.getState().openRun({ kind: 'past', runId: r.id })}>
          {t('backups.ui.open')}
        </Button>
      ),
    },
  ];
  return (
    <section className="card" aria-labelledby="backups-recent-title" data-testid="backups-recent">
      <h2 id="backups-recent-title">{t('backups.ui.recent.title')}</h2>
      {!loaded ? <p className="muted">{t('backups.ui.loading')}</p> : runs.length === 0 ? <p className="muted">{t('backups.ui.recent.none')}</p> : <Table columns={columns} rows={runs} rowKey={(r) => r.id} caption={t('backups.ui.recent.title')} />}
    </section>
  );
}
