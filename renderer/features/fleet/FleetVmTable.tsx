import { Fragment, memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EsxiStatus } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { ALL_VMS, fleetVms, queryVms, type FleetVm, type ProtectionFilter, type VmQuery, type VmSort } from '../../stores/fleet/slices/view/fleet-vms.ts';
import { FindingDetailRow } from './FindingDetailRow.tsx';
import { ago } from './format.ts';
import { useOpenRows } from './use-open-rows.ts';
import { Tonight } from './VmTable.tsx';

const protectionTone = { protected: 'success', atRisk: 'danger', unknown: 'warning' } as const;
const SORTABLE: { id: VmSort; label: string }[] = [
  { id: 'vm', label: 'fleet.ui.col.vm' },
  { id: 'host', label: 'fleet.ui.vms.host' },
  { id: 'protection', label: 'fleet.ui.vms.protection' },
  { id: 'lastGood', label: 'fleet.ui.col.lastGood' },
];

/** One VM of the fleet-wide table; memoized, so filtering renders only the rows that appear. */
const FleetVmRow = memo(function FleetVmRow({ row: r, now, expanded, onToggle, onOpenHost }: {
  row: FleetVm;
  now: number;
  expanded: boolean;
  onToggle(key: string): void;
  onOpenHost(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const detailId = `fleet-vm-${r.key}`;
  return (
    <Fragment>
      <tr className="vm-row" data-testid="fleet-vm-row" data-vm={r.vm.name} data-host={r.hostName} data-protection={r.protection}>
        <th scope="row" className="col-vm">
          <span className="vm-name">{r.vm.name}</span>
        </th>
        <td>
          <button type="button" className="link-button" onClick={() => onOpenHost(r.hostId)}>
            {r.hostName}
          </button>
        </td>
        <td>
          <Badge tone={protectionTone[r.protection]}>{t(`fleet.ui.vms.filter.${r.protection}`)}</Badge>
        </td>
        <td className="small">{r.vm.lastGood ? ago(i18n.language, r.vm.lastGood.at, now) : <Badge tone="danger">{t('fleet.ui.noCopy')}</Badge>}</td>
        <td className="col-tonight">
          <Tonight vm={r.vm} facts={r.current ? 'current' : 'lastKnown'} knownAt={r.knownAt} now={now} expanded={expanded} controls={detailId} onToggle={() => onToggle(r.key)} />
        </td>
      </tr>
      {expanded ? <FindingDetailRow id={detailId} colSpan={5} findings={r.vm.blockers} testId="vm-blocker-text" /> : null}
    </Fragment>
  );
});

/**
 * Every VM of the fleet in one table: sorted worst first, filtered by host, protection, "problems only" and name.
 * Filtering is a pure pass over rows derived once per view, so it stays fast at fifty hosts.
 */
export function FleetVmTable({ esxi, now, onOpenHost }: { esxi: readonly EsxiStatus[]; now: number; onOpenHost(id: string): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<VmQuery>(ALL_VMS);
  const all = useMemo(() => fleetVms(esxi, now), [esxi, now]);
  const shown = useMemo(() => queryVms(all, query), [all, query]);
  const rows = useOpenRows();
  const toggle = rows.toggle;
  const set = (patch: Partial<VmQuery>) => setQuery({ ...query, ...patch });
  const sortBy = (sort: VmSort) => set(query.sort === sort ? { descending: !query.descending } : { sort, descending: false });
  return (
    <div className="fleet-vms" data-testid="fleet-vms">
      <div className="vm-filters" role="search">
        <input
          type="search"
          name="vm-search"
          placeholder={t('fleet.ui.vms.search')}
          aria-label={t('fleet.ui.vms.search')}
          value={query.search}
          onChange={(e) => set({ search: e.target.value })}
        />
        <select name="vm-host" aria-label={t('fleet.ui.vms.host')} value={query.hostId ?? ''} onChange={(e) => set({ hostId: e.target.value || null })}>
          <option value="">{t('fleet.ui.vms.allHosts')}</option>
          {esxi.map((h) => (
            <option key={h.host.id} value={h.host.id}>
              {h.host.name}
            </option>
          ))}
        </select>
        <select name="vm-protection" aria-label={t('fleet.ui.vms.protection')} value={query.protection} onChange={(e) => set({ protection: e.target.value as ProtectionFilter })}>
          {(['all', 'atRisk', 'unknown', 'protected'] as const).map((p) => (
            <option key={p} value={p}>
              {t(`fleet.ui.vms.filter.${p}`)}
            </option>
          ))}
        </select>
        <label className="vm-problems">
          <input type="checkbox" name="vm-problems" checked={query.problemsOnly} onChange={(e) => set({ problemsOnly: e.target.checked })} />
          <span>{t('fleet.ui.vms.problemsOnly')}</span>
        </label>
        <span className="muted small" data-testid="fleet-vms-count" aria-live="polite">
          {t('fleet.ui.vms.count', { count: shown.length, total: all.length })}
        </span>
      </div>
      <div className="table-scroll">
        <table className="table vm-table fleet-vm-table">
          <caption className="visually-hidden">{t('fleet.ui.vms.caption')}</caption>
          <thead>
            <tr>
              {SORTABLE.map((c) => (
                <th key={c.id} scope="col" aria-sort={query.sort === c.id ? (query.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="sort-button" onClick={() => sortBy(c.id)}>
                    {t(c.label)}
                    <span aria-hidden="true">{query.sort === c.id ? (query.descending ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col">{t('fleet.ui.col.tonight')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <FleetVmRow key={r.key} row={r} now={now} expanded={rows.isOpen(r.key)} onToggle={toggle} onOpenHost={onOpenHost} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="muted fleet-vms-none">{t('fleet.ui.vms.none')}</p> : null}
      </div>
    </div>
  );
}
