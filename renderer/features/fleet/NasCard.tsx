import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { NasStatus } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { FindingBadges } from './FindingBadges.tsx';
import { FindingDetailRow } from './FindingDetailRow.tsx';
import { FindingList } from './FindingList.tsx';
import { HostDownAlert } from './HostDownAlert.tsx';
import { withoutStateFindings } from './labels.ts';
import { ago, bytes } from './format.ts';
import { HostState } from './HostState.tsx';
import { useOpenRows } from './use-open-rows.ts';

/** A path that may wrap after each slash, so a long share path does not push the table off the card. */
function breakable(path: string) {
  return path.split('/').map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? '/' : null}
      {part}
      <wbr />
    </Fragment>
  ));
}

/** The TrueNAS: version, NFSv4, and every share with who may mount it, root mapping, space and snapshot protection. */
export function NasCard({ nas, now, checking, onRemove }: { nas: NasStatus; now: number; checking: boolean; onRemove(): void }) {
  const { t, i18n } = useTranslation();
  const entry = nas.host;
  const down = nas.state === 'unreachable' || nas.state === 'failed';
  const warnings = withoutStateFindings(nas.findings);
  const where = entry.port === 22 ? entry.address : `${entry.address}:${entry.port}`;
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('fleet.ui.nas.yes') : t('fleet.ui.nas.no'));
  const rows = useOpenRows();
  return (
    <section className={`card host-card nas-card${down ? ' host-card-down' : ''}`} data-testid="nas-card" data-host={entry.name} data-probed-at={nas.probedAt ?? 0} aria-labelledby={`nas-${entry.id}`}>
      <header className="host-head">
        <div className="host-title">
          <span className="host-kind">{t('fleet.ui.nas.title')}</span>
          <h2 id={`nas-${entry.id}`}>{entry.name}</h2>
          <span className="mono muted">{where}</span>
        </div>
        <div className="host-status">
          <HostState state={nas.state} checking={checking} />
          <span className="muted small">{nas.probedAt ? t(down ? 'fleet.ui.lastGoodAt' : 'fleet.ui.probedAt', { age: ago(i18n.language, nas.probedAt, now) }) : t('fleet.ui.neverProbed')}</span>
          <Button variant="ghost" onClick={onRemove}>
            {t('fleet.ui.remove')}
          </Button>
        </div>
      </header>
      {down ? (
        <HostDownAlert error={nas.error} machine={where === entry.name ? entry.name : `${entry.name} (${where})`} hasData={nas.version !== null} probedAt={nas.probedAt} now={now} />
      ) : null}
      <dl className="host-facts">
        <div>
          <dt>{t('fleet.ui.nas.version')}</dt>
          <dd data-testid="nas-version">{nas.version ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('fleet.ui.nas.nfsV4')}</dt>
          <dd>{nas.nfsV4 === null ? '—' : nas.nfsV4 ? <Badge tone="success">{t('fleet.ui.nas.on')}</Badge> : <Badge tone="danger">{t('fleet.ui.nas.off')}</Badge>}</dd>
        </div>
      </dl>
      <FindingList findings={warnings} testId="host-findings" title={t('fleet.ui.warnings')} />
      {nas.shares.length > 0 ? (
        <div className="vm-table-wrap">
          <table className="table share-table">
            <caption className="visually-hidden">{t('fleet.ui.nas.shares')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fleet.ui.nas.col.share')}</th>
                <th scope="col">{t('fleet.ui.nas.col.allowed')}</th>
                <th scope="col">{t('fleet.ui.nas.col.maproot')}</th>
                <th scope="col" className="align-end">{t('fleet.ui.nas.col.space')}</th>
                <th scope="col">{t('fleet.ui.nas.col.snapshots')}</th>
                <th scope="col">{t('fleet.ui.nas.col.encrypted')}</th>
                <th scope="col" className="col-warnings">{t('fleet.ui.nas.col.warnings')}</th>
              </tr>
            </thead>
            <tbody>
              {nas.shares.map((s, index) => {
                const detailId = `share-detail-${entry.id}-${index}`;
                const expanded = rows.isOpen(s.path);
                return (
                  <Fragment key={s.path}>
                    <tr data-testid="nas-share" className={expanded ? 'vm-row-open' : undefined}>
                      <th scope="row" className="share-path">
                        <span className="mono">{breakable(s.path)}</span>
                        {!s.enabled ? <Badge tone="danger">{t('fleet.ui.nas.disabled')}</Badge> : null}
                        {s.readOnly ? <Badge tone="danger">{t('fleet.ui.nas.readOnly')}</Badge> : null}
                      </th>
                      <td className="mono">{[...s.hosts, ...s.networks].join(', ') || <span className="muted">{t('fleet.ui.nas.everyone')}</span>}</td>
                      <td className="mono nowrap">{s.maproot ?? '—'}</td>
                      <td className="align-end nowrap">
                        {s.usedBytes === null ? '—' : bytes(i18n.language, s.usedBytes)} / {s.availableBytes === null ? '—' : bytes(i18n.language, s.availableBytes)}
                      </td>
                      <td>{s.snapshotTask === null ? '—' : s.snapshotTask ? <Badge tone="success">{t('fleet.ui.nas.yes')}</Badge> : <Badge tone="warning">{t('fleet.ui.nas.none')}</Badge>}</td>
                      <td>{yesNo(s.encrypted)}</td>
                      <td className="col-warnings">
                        {s.findings.length === 0 ? (
                          <span className="muted small">{t('fleet.ui.nas.noWarnings')}</span>
                        ) : (
                          <FindingBadges findings={s.findings} expanded={expanded} controls={detailId} fallback="fleet.ui.severity" onToggle={() => rows.toggle(s.path)} />
                        )}
                      </td>
                    </tr>
                    {expanded ? (
                      <FindingDetailRow id={detailId} colSpan={7} findings={s.findings} />
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : nas.state === 'ok' ? (
        <p className="muted">{t('fleet.ui.nas.noShares')}</p>
      ) : null}
    </section>
  );
}
