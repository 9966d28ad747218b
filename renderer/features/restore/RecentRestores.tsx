import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../../../shared/ipc/audit.ts';
import { client } from '../../app/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { useSettings } from '../../stores/settings/store.ts';
import { dateTime } from '../fleet/format.ts';
import { OUTCOME_TONE } from '../operations/OperationResultView.tsx';

const RECENT = 20;

/** Restores are operations of the audit trail (no table of their own): the recent ones, the running ones first. */
export function RecentRestores() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const [items, setItems] = useState<AuditItem[] | null>(null);
  useEffect(() => {
    const load = () => void client().call('audit.list', { subject: 'restore.run', limit: RECENT }).then(setItems, () => setItems([]));
    load();
    return client().on('audit:appended', load);
  }, []);
  const sorted = [...(items ?? [])].sort((a, b) => Number(a.outcome !== null) - Number(b.outcome !== null) || b.at - a.at);
  return (
    <section className="card" aria-labelledby="restore-recent-title" data-testid="restore-recent">
      <h2 id="restore-recent-title">{t('restore.ui.recent.title')}</h2>
      <p className="muted">{t('restore.ui.recent.intro')}</p>
      {items === null ? <p className="muted">{t('restore.ui.loading')}</p> : null}
      {items !== null && items.length === 0 ? <p className="muted">{t('restore.ui.recent.none')}</p> : null}
      {sorted.length > 0 ? (
        <table className="table restore-table">
          <thead>
            <tr>
              {['When', 'What', 'Who', 'Why', 'Outcome'].map((c) => (
                <th key={c} scope="col">
                  {t(`restore.ui.recent.col${c}`)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('restore.ui.recent.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((item) => {
              const id = item.operationId ?? item.id;
              return (
                <tr key={item.id} data-testid="restore-recent-row" data-outcome={item.outcome ?? 'running'}>
                  <td className="nowrap">{dateTime(lang, item.at)}</td>
                  <td className="restore-name">{t(item.title.key, item.title.params)}</td>
                  <td>
                    {item.user}
                    <span className="muted small">@{item.workstation}</span>
                  </td>
                  <td className="restore-reason">{item.reason}</td>
                  <td>{item.outcome ? <Badge tone={OUTCOME_TONE[item.outcome] ?? 'neutral'}>{t(`operations.outcome.${item.outcome}`)}</Badge> : <Badge tone="info">{t('restore.ui.recent.inProgress')}</Badge>}</td>
                  <td className="nowrap">
                    <a className="link" href={`#/audit/${encodeURIComponent(id)}`}>
                      {t('restore.ui.recent.open')}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
