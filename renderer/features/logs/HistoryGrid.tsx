import { useTranslation } from 'react-i18next';
import { historyNights } from '../../../shared/model/log-catalog.ts';
import { useLogs } from '../../stores/logs/store.ts';
import { Button } from '../../components/Button.tsx';
import { HistoryStrip } from './HistoryStrip.tsx';
import { CELLS } from './labels.ts';
import { exportReport } from './export-report.ts';

/** Every VM ever logged, one strip each: a VM that silently stopped being backed up stands out at a glance. */
export function HistoryGrid() {
  const { t, i18n } = useTranslation();
  const history = useLogs((s) => s.history);
  const days = useLogs((s) => s.historyDays);
  const setDays = useLogs((s) => s.setHistoryDays);
  const openRun = useLogs((s) => s.openRun);
  if (history === null) return null;
  const dates = historyNights(history.until, history.days);
  return (
    <section className="card history" data-testid="history-grid">
      <div className="history-head">
        <p className="muted small">{t('logs.ui.history.caption')}</p>
        <div role="group" aria-label={t('logs.ui.history.days')} className="seg">
          {([30, 365] as const).map((d) => (
            <button key={d} type="button" className={d === days ? 'seg-btn active' : 'seg-btn'} aria-pressed={d === days} onClick={() => void setDays(d)}>
              {d}
            </button>
          ))}
        </div>
      </div>
      <div className="legend">
        {CELLS.map((c) => (
          <span key={c}>
            <i className={`cell cell-${c}`} />
            {t(`logs.cell.${c}`)}
          </span>
        ))}
      </div>
      <table className="table history-table">
        <thead>
          <tr>
            <th scope="col">{t('logs.col.host')}</th>
            <th scope="col">{t('logs.col.vm')}</th>
            <th scope="col">{t('logs.ui.history.days')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.rows.map((row) => (
            <tr key={`${row.hostName}/${row.vm}`} data-vm={row.vm}>
              <td>{row.hostName}</td>
              <td className="vm-name">{row.vm}</td>
              <td>
                <HistoryStrip vm={row.vm} cells={row.cells} runIds={row.runIds} days={dates} onOpen={(id) => void openRun(id)} />
              </td>
              <td>
                <Button variant="ghost" aria-label={t('logs.ui.history.export', { vm: row.vm })} onClick={() => void exportReport({ vm: row.vm, host: row.hostName, days, lang: i18n.language === 'it' ? 'it' : 'en' })}>
                  {t('logs.ui.run.export')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
