import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { MissedRunAlert } from '../../../shared/model/backup-history.ts';
import { clockOffWords } from '../../../shared/model/host-clock.ts';
import { client } from '../../app/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { dateTime } from '../fleet/format.ts';
import { GraceSetting } from './GraceSetting.tsx';

/**
 * The hosts whose scheduled run left no log on the share by its time plus the grace (judged by core from each host's
 * last probe), each with when it was due, the schedule, the last log and what to check; and the grace itself.
 */
export function MissedRunAlerts() {
  const { t, i18n } = useTranslation();
  const [alerts, setAlerts] = useState<MissedRunAlert[] | null>(null);
  const [grace, setGrace] = useState<number | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const load = async (): Promise<void> => {
    try {
      const [a, s] = await Promise.all([client().call('backup.alerts', {}), client().call('backup.alertSettings', {})]);
      setAlerts(a);
      setGrace(s.graceMinutes);
    } catch (e) {
      setError(errorData(e));
    }
  };
  useEffect(() => void load(), []);
  const when = (at: number): string => dateTime(i18n.language, at);
  return (
    <section className={`card backup-alerts${alerts && alerts.length > 0 ? ' backup-alerts-on' : ''}`} aria-labelledby="backup-alerts-title" data-testid="missed-runs">
      <h2 id="backup-alerts-title">{t('backups.ui2.alerts.title')}</h2>
      <ErrorAlert error={error} />
      {alerts !== null && alerts.length === 0 && grace !== null ? <p className="muted">{t('backups.ui2.alerts.none', { grace })}</p> : null}
      {alerts && alerts.length > 0 ? (
        <ul className="backup-alert-list">
          {alerts.map((a) => (
            <li key={`${a.hostId}/${a.expectedAt}`} role="alert" className="backup-alert" data-testid="missed-run" data-host={a.host}>
              <strong>{a.host}</strong>: {t('backups.ui2.alerts.expected', { expected: when(a.expectedAt) })}
              <p className="small">
                {t('backups.ui2.alerts.detail', {
                  deadline: when(a.expectedAt + a.graceMinutes * 60_000),
                  grace: a.graceMinutes,
                  last: a.lastLog === null ? t('backup.alert.noLog') : `${a.lastLog}${a.lastLogAt === null ? '' : ` (${when(a.lastLogAt)})`}`,
                  checked: a.checkedAt === null ? '—' : when(a.checkedAt),
                })}
              </p>
              <p className="small">
                {t('backups.ui2.alerts.schedule')} <code>{a.schedule}</code>
              </p>
              <ClockOff offsetMs={a.hostClockOffsetMs} />
              <p className="small">{t('backups.ui2.alerts.check')}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {grace !== null ? <GraceSetting value={grace} onSaved={() => void load()} /> : null}
    </section>
  );
}

/** The host's clock is off Custode's: the times above are on the user's clock, its schedule on the host's. */
function ClockOff({ offsetMs }: { offsetMs: number | null }) {
  const { t } = useTranslation();
  const clock = clockOffWords(offsetMs);
  return clock === null ? null : (
    <p className="small" data-testid="host-clock-off">
      {t(clock.key, clock.params)}
    </p>
  );
}
