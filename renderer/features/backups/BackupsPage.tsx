import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fleetStore, useFleet } from '../../stores/fleet/store.ts';
import { useBackups } from './backups-store.ts';
import { HostRunList } from './HostRunList.tsx';
import { MissedRunAlerts } from './MissedRunAlerts.tsx';
import { RecentRuns } from './RecentRuns.tsx';
import { RunEndedBanner } from './RunEndedBanner.tsx';
import { RunningNow } from './RunningNow.tsx';
import { RunNowDialog } from './RunNowDialog.tsx';
import { RunView } from './RunView.tsx';
import './backups.css';

/**
 * The Backups section: the missed scheduled runs and their grace, the runs going on across the fleet (found again when the section opens), a run now per host
 * through its pre-flight and reviewed plan, the recent runs with each VM's outcome, and one run's page.
 */
export function BackupsPage() {
  const { t } = useTranslation();
  const open = useBackups((s) => s.open);
  const error = useBackups((s) => s.error);
  const view = useFleet((s) => s.view);
  const [runNow, setRunNow] = useState<HostEntry | null>(null);

  useEffect(() => {
    void useBackups.getState().load();
    if (fleetStore.getState().view === null) void fleetStore.getState().load();
  }, []);

  const hosts = (view?.esxi ?? []).map((e) => e.host);
  return (
    <div className="backups" data-testid="backups-page">
      <PageHeader title={t('backups.title')} subtitle={t('backups.subtitle')} />
      <ErrorAlert error={error} />
      <RunEndedBanner />
      {open ? (
        <RunView open={open} onBack={() => useBackups.getState().openRun(null)} />
      ) : (
        <div className="stack">
          <MissedRunAlerts />
          <RunningNow />
          <HostRunList hosts={hosts} loading={view === null} onRunNow={setRunNow} />
          <RecentRuns />
        </div>
      )}
      {runNow ? <RunNowDialog host={runNow} onClose={() => setRunNow(null)} /> : null}
    </div>
  );
}
