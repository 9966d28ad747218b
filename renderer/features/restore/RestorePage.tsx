import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fleetStore, useFleet } from '../../stores/fleet/store.ts';
import { DrillsSection } from './drill/DrillsSection.tsx';
import { OpenAccessesCard } from './OpenAccessesCard.tsx';
import { RecentRestores } from './RecentRestores.tsx';
import { RestoreWizard } from './RestoreWizard.tsx';
import '../backups/backups.css';
import '../operations/operations.css';
import './restore.css';

/** The Restore section: the temporary accesses restores left open (only when there are some), the wizard, the restores in progress and past (from the audit trail), and the drills (start, history, recovery times, schedule). */
export function RestorePage() {
  const { t } = useTranslation();
  const view = useFleet((s) => s.view);
  useEffect(() => {
    if (fleetStore.getState().view === null) void fleetStore.getState().load();
  }, []);
  return (
    <div className="restore" data-testid="restore-page">
      <PageHeader title={t('restore.title')} subtitle={t('restore.subtitle')} />
      <div className="stack">
        <OpenAccessesCard />
        <section className="card" aria-labelledby="restore-wizard-title">
          <h2 id="restore-wizard-title">{t('restore.ui.wizard')}</h2>
          <RestoreWizard view={view} />
        </section>
        <RecentRestores />
        <DrillsSection view={view} />
      </div>
    </div>
  );
}
