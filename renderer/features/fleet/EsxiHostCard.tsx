import { useTranslation } from 'react-i18next';
import type { EsxiStatus } from '../../../shared/ipc/fleet.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { lastRunVerdict } from '../../stores/fleet/slices/view/selectors.ts';
import { FindingList } from './FindingList.tsx';
import { HostDownAlert } from './HostDownAlert.tsx';
import { withoutStateFindings } from './labels.ts';
import { ago, zonedDateTime } from './format.ts';
import { HostState } from './HostState.tsx';
import { VmTable } from './VmTable.tsx';

const verdictTone = { ok: 'success', problems: 'warning', aborted: 'danger', failed: 'danger' } as const;

/** The log's own timestamp (ghettoVCB writes the host's clock, which is UTC on ESXi), verbatim when it does not parse. */
function logTime(lang: string, text: string): string {
  const at = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(at) ? text : zonedDateTime(lang, at);
}

/**
 * One ESXi host: whether it answered, its versions, the schedule in words, the last run, its warnings and its VMs.
 * An unreachable host keeps showing what its last good check found, marked as such.
 */
export function EsxiHostCard({ host, now, checking, onRefresh, onRemove }: {
  host: EsxiStatus;
  now: number;
  checking: boolean;
  onRefresh: (() => void) | null;
  onRemove(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as 'it' | 'en';
  const entry = host.host;
  const down = host.state === 'unreachable' || host.state === 'failed';
  const warnings = withoutStateFindings(host.findings);
  const accepts = host.installs.map((i) => i.acceptsEsxi).find((a) => a !== null) ?? null;
  const where = entry.port === 22 ? entry.address : `${entry.address}:${entry.port}`;
  return (
    <section className={`card host-card${down ? ' host-card-down' : ''}`} data-testid="esxi-card" data-host={entry.name} data-probed-at={host.probedAt ?? 0} data-address={where} aria-labelledby={`host-${entry.id}`}>
      <header className="host-head">
        <div className="host-title">
          <h2 id={`host-${entry.id}`}>{entry.name}</h2>
          <span className="mono muted">{where}</span>
          {host.hostname && host.hostname !== entry.name ? <span className="muted small">{host.hostname}</span> : null}
          {entry.group ? <Badge>{entry.group}</Badge> : null}
        </div>
        <div className="host-status">
          <HostState state={host.state} checking={checking} />
          <span className="muted small" data-testid="host-probed">
            {host.probedAt ? t(down ? 'fleet.ui.lastGoodAt' : 'fleet.ui.probedAt', { age: ago(i18n.language, host.probedAt, now) }) : t('fleet.ui.neverProbed')}
          </span>
          {onRefresh ? (
            <Button variant="ghost" disabled={checking} onClick={onRefresh}>
              {t('fleet.ui.refreshHost')}
            </Button>
          ) : null}
          <Button variant="ghost" onClick={onRemove}>
            {t('fleet.ui.remove')}
          </Button>
        </div>
      </header>

      {down ? (
        <HostDownAlert error={host.error} machine={where === entry.name ? entry.name : `${entry.name} (${where})`} hasData={host.version !== null} probedAt={host.probedAt} now={now} />
      ) : null}

      <dl className="host-facts">
        <div>
          <dt>{t('fleet.ui.fact.esxi')}</dt>
          <dd data-testid="host-esxi">
            <span>{host.version ?? '—'}</span>
            {host.build ? <span className="muted small"> build {host.build}</span> : null}
            {accepts === true ? <Badge tone="success">{t('fleet.ui.esxiAccepted')}</Badge> : null}
            {accepts === false ? <Badge tone="danger">{t('fleet.ui.esxiRejected')}</Badge> : null}
          </dd>
        </div>
        <div>
          <dt>{t('fleet.ui.fact.ghettovcb')}</dt>
          <dd data-testid="host-ghettovcb">
            {host.installs.length === 0 ? (
              host.state === 'never' ? '—' : <Badge tone="warning">{t('fleet.ui.notInstalled')}</Badge>
            ) : (
              host.installs.map((i) => (
                <span key={i.path} className="install" title={i.path}>
                  {i.version ?? t('fleet.ui.versionUnknown')} <span className="muted small">{t(`fleet.ui.install.${i.kind}`)}</span>
                </span>
              ))
            )}
          </dd>
        </div>
        <div>
          <dt>{t('fleet.ui.fact.backupVolume')}</dt>
          <dd className="mono">{host.backupVolume ?? '—'}</dd>
        </div>
        <div className="fact-wide">
          <dt>{t('fleet.ui.fact.schedule')}</dt>
          <dd data-testid="host-schedule">
            {host.schedules.length === 0 ? (
              host.state === 'never' ? '—' : <Badge tone="danger">{t('fleet.ui.noSchedule')}</Badge>
            ) : (
              host.schedules.map((s) => (
                <span key={s.line} className="schedule" title={s.line}>
                  <span className="schedule-text">{s.text ? s.text[lang] : s.line}</span>
                  {/* Core's words already name the host's clock; a raw crontab line does not. */}
                  {s.text ? null : <span className="muted small">{t('fleet.ui.hostClock')}</span>}
                  {s.survivesReboot === true ? <span className="muted small">{t('fleet.ui.survivesReboot')}</span> : null}
                  {s.survivesReboot === false ? <Badge tone="warning">{t('fleet.ui.lostAtReboot')}</Badge> : null}
                </span>
              ))
            )}
          </dd>
        </div>
        <div>
          <dt>{t('fleet.ui.fact.nextRun')}</dt>
          <dd data-testid="host-next-run">
            {host.schedules[0]?.nextRun ? (
              <>
                {zonedDateTime(i18n.language, host.schedules[0].nextRun)} <span className="muted small">{t('fleet.ui.yourClock')} · {ago(i18n.language, host.schedules[0].nextRun, now)}</span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div className="fact-full">
          <dt>{t('fleet.ui.fact.lastRun')}</dt>
          <dd data-testid="host-last-run">
            {host.lastRun ? (
              <>
                <Badge tone={verdictTone[lastRunVerdict(host.lastRun)]}>{t(`fleet.ui.lastRun.${lastRunVerdict(host.lastRun)}`)}</Badge>
                {host.lastRun.startedAt ? <span>{logTime(i18n.language, host.lastRun.startedAt)}</span> : null}
                <span className="muted small">{t('fleet.ui.lastRun.counts', { ok: host.lastRun.vmsOk, problem: host.lastRun.vmsProblem })}</span>
              </>
            ) : host.state === 'never' ? (
              '—'
            ) : (
              <span className="muted">{t('fleet.ui.lastRun.none')}</span>
            )}
            {host.lock === 'running' ? <Badge tone="info">{t('fleet.ui.lock.running')}</Badge> : null}
            {host.lock === 'stale' ? <Badge tone="danger">{t('fleet.ui.lock.stale')}</Badge> : null}
          </dd>
        </div>
      </dl>

      <FindingList findings={warnings} testId="host-findings" title={t('fleet.ui.warnings')} />

      {host.vms.length > 0 ? (
        <VmTable hostId={entry.id} hostName={entry.name} vms={host.vms} now={now} facts={host.state === 'never' ? 'never' : down ? 'lastKnown' : 'current'} knownAt={host.probedAt} />
      ) : host.state === 'ok' || host.state === 'partial' ? (
        <p className="muted">{t('fleet.ui.noVms')}</p>
      ) : null}
    </section>
  );
}
