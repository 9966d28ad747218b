import { useTranslation } from 'react-i18next';
import { RUN_STATUSES } from '../../../shared/model/log-catalog.ts';
import type { RunRow } from '../../../shared/ipc/logs.ts';
import { Badge } from '../../components/Badge.tsx';
import { useLogs } from '../../stores/logs/store.ts';
import { duration, STATUS_TONE } from './labels.ts';

const NO_HOSTS: string[] = [];

/** Every run in the catalog, newest first, with filters by host, VM, status and dates; a row opens the run. */
export function RunList() {
  const { t } = useTranslation();
  const runs = useLogs((s) => s.runs);
  const filter = useLogs((s) => s.filter);
  const hosts = useLogs((s) => s.status?.hosts ?? NO_HOSTS);
  const setFilter = useLogs((s) => s.setFilter);
  const openRun = useLogs((s) => s.openRun);
  return (
    <section className="card" data-testid="run-list">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('logs.ui.filter.host')}
          <select value={filter.host ?? ''} onChange={(e) => void setFilter({ host: e.target.value || undefined })}>
            <option value="">{t('logs.ui.filter.any')}</option>
            {hosts.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('logs.ui.filter.vm')}
          <input type="text" defaultValue={filter.vm ?? ''} onBlur={(e) => void setFilter({ vm: e.target.value.trim() || undefined })} onKeyDown={(e) => e.key === 'Enter' && void setFilter({ vm: e.currentTarget.value.trim() || undefined })} />
        </label>
        <label>
          {t('logs.ui.filter.status')}
          <select value={filter.status ?? ''} onChange={(e) => void setFilter({ status: (e.target.value || undefined) as RunRow['status'] | undefined })}>
            <option value="">{t('logs.ui.filter.any')}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`logs.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('logs.ui.filter.since')}
          <input type="date" value={filter.since ?? ''} onChange={(e) => void setFilter({ since: e.target.value || undefined })} />
        </label>
        <label>
          {t('logs.ui.filter.until')}
          <input type="date" value={filter.until ?? ''} onChange={(e) => void setFilter({ until: e.target.value || undefined })} />
        </label>
      </form>
      {runs !== null && runs.length === 0 ? <p className="muted">{t('logs.ui.noRuns')}</p> : null}
      {runs !== null && runs.length > 0 ? (
        <table className="table runs-table">
          <thead>
            <tr>
              <th scope="col">{t('logs.col.host')}</th>
              <th scope="col">{t('logs.col.start')}</th>
              <th scope="col">{t('logs.col.status')}</th>
              <th scope="col">{t('logs.col.duration')}</th>
              <th scope="col">{t('logs.col.vms')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="clickable" data-run={r.id} onClick={() => void openRun(r.id)}>
                <td>{r.hostName}</td>
                <td>
                  <button type="button" className="link" onClick={() => void openRun(r.id)}>
                    {r.startedAt ?? '—'}
                  </button>
                </td>
                <td>
                  <Badge tone={STATUS_TONE[r.status]}>{t(`logs.status.${r.status}`)}</Badge>
                </td>
                <td>{duration(r.durationSeconds)}</td>
                <td>{t('logs.ui.vmsCount', { ok: r.vmsOk, problem: r.vmsProblem })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
