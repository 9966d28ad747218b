import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter, AuditItem, ChainState } from '../../../shared/ipc/audit.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { client } from '../../app/client.ts';
import { useSettings } from '../../stores/settings/store.ts';
import { OUTCOME_TONE } from '../operations/OperationResultView.tsx';
import { AuditDetail } from './AuditDetail.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { download } from './download.ts';
import '../operations/operations.css';
import './audit.css';

function ChainBanner({ chain, onVerify }: { chain: ChainState | null; onVerify(): void }) {
  const { t } = useTranslation();
  if (!chain) return null;
  const bad = chain.firstBad;
  return (
    <div className={`audit-chain ${chain.intact ? 'audit-chain-ok' : 'audit-chain-bad'}`} role={chain.intact ? 'status' : 'alert'} data-testid="audit-chain" data-intact={chain.intact}>
      <span>
        {bad
          ? t('audit.ui.chain.broken', { seq: bad.seq, problem: t(`audit.ui.chain.${bad.problem}`) })
          : t('audit.ui.chain.intact', { count: chain.entries })}
      </span>
      <Button variant="ghost" onClick={onVerify}>
        {t('audit.ui.verify')}
      </Button>
    </div>
  );
}

/** Every recorded change and host-key decision: filter, open one to see its commands, check the chain, export. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const [filter, setFilter] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [chain, setChain] = useState<ChainState | null>(null);
  const [open, setOpen] = useState<{ id: string; entries: AuditEntry[] } | null>(null);

  const verify = useCallback(() => void client().call('audit.verify', {}).then(setChain, () => undefined), []);
  const load = useCallback(() => void client().call('audit.list', filter).then(setItems, () => setItems([])), [filter]);
  useEffect(() => {
    load();
    // New entries reload the list; the whole chain is walked again only on opening and on request (it reads every row).
    return client().on('audit:appended', load);
  }, [load]);
  useEffect(verify, [verify]);
  // `#/audit/<id>` (a link from another section) opens that entry.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.replace(/^#\/?audit\/?/, ''));
    if (id !== '' && !id.startsWith('#')) show(id);
  }, []);

  const show = (id: string) => void client().call('audit.show', { id }).then((entries) => setOpen({ id, entries }), () => undefined);
  const exportAs = (format: 'csv' | 'json' | 'html') =>
    void client()
      .call('audit.export', { format, filter, lang })
      .then((f) => download(f.fileName, f.mime, f.text), () => undefined);

  const exportButtons = (
    <>
      <Button onClick={() => exportAs('csv')}>{t('audit.ui.export.csv')}</Button>
      <Button onClick={() => exportAs('json')}>{t('audit.ui.export.json')}</Button>
      <Button onClick={() => exportAs('html')}>{t('audit.ui.export.html')}</Button>
    </>
  );

  if (items !== null && items.length === 0 && Object.keys(filter).length === 0) {
    return (
      <>
        <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
        <ChainBanner chain={chain} onVerify={verify} />
        <EmptyState icon={<Icon name="audit" size={40} />} title={t('audit.empty.title')} body={t('audit.empty.body')} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} actions={exportButtons} />
      <div className="stack">
        <ChainBanner chain={chain} onVerify={verify} />
        <AuditFilters filter={filter} onChange={setFilter} />
        {items && items.length === 0 ? <p className="muted">{t('audit.ui.noMatch')}</p> : null}
        {items && items.length > 0 ? (
          <div className="audit-scroll">
            <table className="table audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  {['when', 'who', 'what', 'target', 'reason', 'outcome', 'commands'].map((c) => (
                    <th key={c} scope="col">
                      {t(`audit.ui.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const id = item.operationId ?? item.id;
                  return (
                    <tr key={item.id} data-testid="audit-row" data-subject={item.subject} aria-selected={open?.id === id} className={open?.id === id ? 'selected' : undefined}>
                      <td className="nowrap">{new Date(item.at).toLocaleString(lang)}</td>
                      <td>
                        {item.user}
                        <span className="muted small">@{item.workstation}</span>
                      </td>
                      <td className="audit-what">
                        <button type="button" className="link" onClick={() => show(id)}>
                          {t(item.title.key, item.title.params)}
                        </button>
                      </td>
                      <td>{item.target}</td>
                      <td className="audit-reason">{item.reason ?? <span className="muted">{item.operationId ? t('audit.ui.noReason') : '—'}</span>}</td>
                      <td>{item.outcome ? <Badge tone={OUTCOME_TONE[item.outcome] ?? 'neutral'}>{t(`operations.outcome.${item.outcome}`)}</Badge> : null}</td>
                      <td className="align-end">{item.commands}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {open ? <AuditDetail entries={open.entries} /> : null}
      </div>
    </>
  );
}
