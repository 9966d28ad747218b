import { useTranslation } from 'react-i18next';
import type { FleetSummary as Summary } from '../../stores/fleet/slices/view/selectors.ts';

/**
 * The band a sysadmin reads first: can Custode reach the hosts, which VMs are safe, which are unknown because their
 * host did not answer, how did the last runs go.
 */
export function FleetSummary({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const tiles = [
    { id: 'hosts', label: t('fleet.ui.summary.hosts'), value: `${summary.reachable}/${summary.hosts}`, tone: summary.reachable < summary.hosts ? 'danger' : 'ok', hint: null },
    { id: 'protected', label: t('fleet.ui.summary.protected'), value: `${summary.protectedVms}/${summary.vms}`, tone: 'ok', hint: t('fleet.ui.summary.protectedHint') },
    { id: 'atRisk', label: t('fleet.ui.summary.atRisk'), value: String(summary.atRiskVms), tone: summary.atRiskVms > 0 ? 'danger' : 'ok', hint: t('fleet.ui.summary.atRiskHint') },
    ...(summary.unknownVms > 0
      ? [{ id: 'unknown', label: t('fleet.ui.summary.unknown'), value: String(summary.unknownVms), tone: 'warning', hint: t('fleet.ui.summary.unknownHint') } as const]
      : []),
    {
      id: 'lastRuns',
      label: t('fleet.ui.summary.lastRuns'),
      value: summary.runsOk + summary.runsBad === 0 ? '—' : t('fleet.ui.summary.lastRunsValue', { ok: summary.runsOk, bad: summary.runsBad }),
      tone: summary.runsBad > 0 ? 'warning' : 'ok',
      hint: summary.runsOk + summary.runsBad === 0 ? t('fleet.ui.summary.lastRunsNone') : null,
    },
  ] as const;
  return (
    <div className="fleet-summary" data-testid="fleet-summary">
      {tiles.map((tile) => (
        <div key={tile.id} className={`summary-tile summary-${tile.tone}`} data-testid={`summary-${tile.id}`}>
          <span className="summary-label">{tile.label}</span>
          <span className="summary-value">{tile.value}</span>
          {tile.hint ? <span className="summary-hint">{tile.hint}</span> : null}
        </div>
      ))}
    </div>
  );
}
