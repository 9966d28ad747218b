import { useTranslation } from 'react-i18next';
import type { EsxiStatus, NasStatus } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { answered, lastRunVerdict, vmProtection } from '../../stores/fleet/slices/view/selectors.ts';
import { ago, zonedDateTime } from './format.ts';
import { HostState } from './HostState.tsx';

const verdictTone = { ok: 'success', problems: 'warning', aborted: 'danger', failed: 'danger' } as const;

/** A line per machine (the NAS first): state, last run, its VMs ok / at risk, next run; a click opens its page. */
export function HostList({ esxi, nas, now, checking, onOpen }: {
  esxi: readonly EsxiStatus[];
  nas: readonly NasStatus[];
  now: number;
  checking(id: string): boolean;
  onOpen(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const where = (h: { address: string; port: number }) => (h.port === 22 ? h.address : `${h.address}:${h.port}`);
  const checked = (m: EsxiStatus | NasStatus) =>
    m.probedAt ? t(answered(m.state) ? 'fleet.ui.probedAt' : 'fleet.ui.lastGoodAt', { age: ago(lang, m.probedAt, now) }) : t('fleet.ui.neverProbed');
  return (
    <div className="table-scroll">
      <table className="table host-list" data-testid="host-list">
        <caption className="visually-hidden">{t('fleet.ui.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fleet.ui.list.machine')}</th>
            <th scope="col">{t('fleet.ui.list.state')}</th>
            <th scope="col">{t('fleet.ui.list.lastRun')}</th>
            <th scope="col">{t('fleet.ui.list.vms')}</th>
            <th scope="col">{t('fleet.ui.list.nextRun')}</th>
          </tr>
        </thead>
        <tbody>
          {nas.map((n) => (
            <tr key={n.host.id} className="host-row" data-testid="host-row" data-host={n.host.name} data-role="nas" data-state={n.state} data-probed-at={n.probedAt ?? 0}>
              <th scope="row">
                <div className="host-cell">
                  <button type="button" className="link-button host-link" onClick={() => onOpen(n.host.id)}>
                    {n.host.name}
                  </button>
                  <span className="host-kind">{t('fleet.ui.nas.title')}</span>
                  <span className="muted small mono host-where">{where(n.host)}</span>
                </div>
              </th>
              <td>
                <HostState state={n.state} checking={checking(n.host.id)} />
                <span className="muted small host-age">{checked(n)}</span>
              </td>
              <td className="muted small" colSpan={3}>
                {t('fleet.ui.list.shares', { count: n.shares.length })}
                {n.findings.length > 0 ? <> · {t('fleet.ui.list.warnings', { count: n.findings.length })}</> : null}
              </td>
            </tr>
          ))}
          {esxi.map((h) => {
            const current = answered(h.state);
            const counts = { ok: 0, atRisk: 0, unknown: 0 };
            for (const vm of h.vms) {
              const p = vmProtection(vm, now, current);
              counts[p === 'protected' ? 'ok' : p]++;
            }
            const next = h.schedules[0]?.nextRun ?? null;
            return (
              <tr key={h.host.id} className="host-row" data-testid="host-row" data-host={h.host.name} data-role="esxi" data-state={h.state} data-probed-at={h.probedAt ?? 0}>
                <th scope="row">
                  <div className="host-cell">
                    <button type="button" className="link-button host-link" onClick={() => onOpen(h.host.id)}>
                      {h.host.name}
                    </button>
                    {h.host.group ? <Badge>{h.host.group}</Badge> : null}
                    <span className="muted small mono host-where">{where(h.host)}</span>
                  </div>
                </th>
                <td>
                  <HostState state={h.state} checking={checking(h.host.id)} />
                  <span className="muted small host-age">{checked(h)}</span>
                </td>
                <td data-testid="host-row-last-run">
                  {h.lastRun ? (
                    <>
                      <Badge tone={verdictTone[lastRunVerdict(h.lastRun)]}>{t(`fleet.ui.lastRun.${lastRunVerdict(h.lastRun)}`)}</Badge>
                      <span className="muted small"> {t('fleet.ui.lastRun.counts', { ok: h.lastRun.vmsOk, problem: h.lastRun.vmsProblem })}</span>
                    </>
                  ) : (
                    <span className="muted small">{h.state === 'never' ? '—' : t('fleet.ui.lastRun.none')}</span>
                  )}
                </td>
                <td data-testid="host-row-vms">
                  {h.vms.length === 0 ? (
                    <span className="muted small">—</span>
                  ) : (
                    <span className="vm-counts">
                      {counts.ok > 0 ? <Badge tone="success">{t('fleet.ui.list.vmsOk', { count: counts.ok })}</Badge> : null}
                      {counts.atRisk > 0 ? <Badge tone="danger">{t('fleet.ui.list.vmsAtRisk', { count: counts.atRisk })}</Badge> : null}
                      {counts.unknown > 0 ? <Badge tone="warning">{t('fleet.ui.list.vmsUnknown', { count: counts.unknown })}</Badge> : null}
                    </span>
                  )}
                </td>
                <td className="small">
                  {next ? (
                    <>
                      {zonedDateTime(lang, next)} <span className="muted">{ago(lang, next, now)}</span>
                    </>
                  ) : (
                    <span className="muted">{h.state === 'never' ? '—' : t('fleet.ui.noSchedule')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
