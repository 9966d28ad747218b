import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../../../shared/ipc/fleet.ts';
import type { DrillHistory } from '../../../../shared/model/drill.ts';
import { client } from '../../../app/client.ts';
import { DrillSchedule } from './DrillSchedule.tsx';
import { DrillStarter } from './DrillStarter.tsx';
import { DrillTable } from './DrillTable.tsx';
import { RtoHistory } from './RtoHistory.tsx';
import './drills.css';

/** The restores read from the audit trail to name who ran each drill (older drills show their reason only). */
const AUDITED = 500;

/**
 * The drills' part of the Restore section: start one, the drills kept (a running one among them), each VM's
 * recovery-time history, and the schedule. The history is read again when a drill starts or ends, however started.
 */
export function DrillsSection({ view }: { view: FleetView | null }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState<DrillHistory | null>(null);
  const [who, setWho] = useState<ReadonlyMap<string, string>>(new Map());
  const load = useCallback(() => {
    void client().call('drill.history', {}).then(setHistory, () => setHistory({ drills: [], trends: [] }));
    // Who ran a drill is the audit trail's: its restore is an operation there, under the drill's operation id.
    void client()
      .call('audit.list', { subject: 'restore.run', limit: AUDITED })
      .then((items) => setWho(new Map(items.filter((i) => i.operationId !== null).map((i) => [i.operationId!, `${i.user}@${i.workstation}`]))), () => undefined);
  }, []);
  useEffect(() => {
    load();
    const offs = [client().on('drill:ended', load), client().on('job:started', (s) => (s.kind === 'drill.run' ? load() : undefined))];
    return () => offs.forEach((off) => off());
  }, [load]);
  return (
    <>
      <section className="card" aria-labelledby="restore-drills-title" data-testid="restore-drills">
        <h2 id="restore-drills-title">{t('drills.ui.title')}</h2>
        <p className="muted">{t('drills.ui.intro')}</p>
        <DrillStarter view={view} onStarted={load} />
        <h3 className="restore-heading">{t('drills.ui.history.title')}</h3>
        <DrillTable drills={history?.drills ?? null} who={who} />
      </section>
      <RtoHistory trends={history?.trends ?? null} />
      <DrillSchedule view={view} drills={history?.drills ?? []} />
    </>
  );
}
