import { useTranslation } from 'react-i18next';
import type { DrillRecord } from '../../../../shared/model/drill.ts';
import { Badge } from '../../../components/Badge.tsx';
import { useSettings } from '../../../stores/settings/store.ts';
import { dateTime } from '../../fleet/format.ts';
import { RESULT_TONE } from './DrillResultView.tsx';
import { rtoText } from './rto.ts';

const COLUMNS = ['When', 'Vm', 'Host', 'Copy', 'Recovery', 'Result', 'Why'] as const;

/**
 * The drills kept, newest first (as drill.history lists them), a running one among them; who ran each (from the audit
 * trail) and why, linked to its restore's audit entry.
 */
export function DrillTable({ drills, who }: { drills: readonly DrillRecord[] | null; who: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  if (drills === null) return <p className="muted">{t('restore.ui.loading')}</p>;
  if (drills.length === 0) return <p className="muted">{t('drills.ui.history.none')}</p>;
  return (
    <table className="table restore-table" data-testid="drill-history">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {t(`drills.ui.history.col${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {drills.map((d) => (
          <tr key={d.id} data-testid="drill-row" data-vm={d.vm} data-result={d.result}>
            <td className="nowrap">{dateTime(lang, d.startedAt)}</td>
            <td className="drill-vm">{d.vm}</td>
            <td>
              {d.targetHost}
              <span className="muted small"> · {d.datastore}</span>
            </td>
            <td className="restore-path">{d.copyFolder}</td>
            <td className="nowrap drill-time">{rtoText(d.recoveryMs, lang)}</td>
            <td>
              <Badge tone={RESULT_TONE[d.result]}>{t(`drill.result.${d.result}`)}</Badge>
              {d.errorCode && d.result === 'failed' ? <div className="muted small">{t(`error.${d.errorCode}`, { defaultValue: d.errorCode })}</div> : null}
            </td>
            <td className="restore-reason">
              {d.operationId && who.has(d.operationId) ? <div className="muted small">{who.get(d.operationId)}</div> : null}
              {d.reason}
              {d.operationId ? (
                <>
                  {' '}
                  <a className="link small" href={`#/audit/${encodeURIComponent(d.operationId)}`}>
                    {t('drills.ui.history.audit')}
                  </a>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
