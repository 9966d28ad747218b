import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { Button } from '../../components/Button.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Progress } from '../../components/Progress.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { addSelectors } from '../../stores/fleet/slices/add/selectors.ts';
import { isChecking, summarize, viewSelectors } from '../../stores/fleet/slices/view/selectors.ts';
import { fleetStore, useFleet } from '../../stores/fleet/store.ts';
import { AddHostDialog } from './AddHostDialog.tsx';
import { EsxiHostCard } from './EsxiHostCard.tsx';
import { FleetEmpty } from './FleetEmpty.tsx';
import { FleetSummary } from './FleetSummary.tsx';
import { NasCard } from './NasCard.tsx';
import { RemoveHostDialog } from './RemoveHostDialog.tsx';
import { useNow } from './use-now.ts';
import './fleet.css';

/**
 * The fleet: the last probe of every machine at once (also offline), a refresh of all hosts in parallel that never
 * waits on a dead one, and the dialogs that add a host or the NAS.
 */
export function FleetPage() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const esxi = useFleet(viewSelectors.esxi);
  const nas = useFleet(viewSelectors.nas);
  const { loaded, empty, loadError, refresh, refreshProgress, refreshError } = useFleet(
    useShallow((s) => ({
      loaded: viewSelectors.loaded(s),
      empty: viewSelectors.empty(s),
      loadError: s.loadError,
      refresh: s.refresh,
      refreshProgress: s.refreshProgress,
      refreshError: s.refreshError,
    })),
  );
  const add = useFleet(addSelectors.add);
  const actions = fleetStore.getState();
  const [removing, setRemoving] = useState<HostEntry | null>(null);
  const summary = useMemo(() => summarize({ esxi, nas }, now), [esxi, nas, now]);

  useEffect(() => {
    void fleetStore.getState().load();
  }, []);

  const headerActions = (
    <>
      <Button onClick={() => actions.openAdd('nas')}>{t('fleet.ui.addNas')}</Button>
      <Button onClick={() => actions.openAdd('esxi')}>{t('fleet.ui.addEsxi')}</Button>
      <Button variant="primary" disabled={!loaded || empty || refresh !== null} onClick={() => void actions.refreshHosts()}>
        {t('fleet.ui.refresh')}
      </Button>
    </>
  );

  return (
    <div className="fleet" data-testid="fleet-page">
      <PageHeader title={t('fleet.title')} subtitle={t('fleet.subtitle')} actions={headerActions} />
      {loadError ? (
        <div className="fleet-alert" role="alert">
          {t('fleet.ui.loadFailed')} {errorText(t, loadError)}
        </div>
      ) : null}
      {refresh ? (
        <div className="fleet-refresh" role="status" data-testid="fleet-refresh">
          <Progress fraction={refreshProgress?.fraction ?? null} label={t('fleet.ui.refreshing')} />
          <span className="muted small">{refreshProgress?.stepKey ? t(refreshProgress.stepKey, refreshProgress.stepParams) : t('fleet.ui.refreshing')}</span>
          <Button variant="ghost" onClick={() => void actions.cancelRefresh()}>
            {t('fleet.ui.stopRefresh')}
          </Button>
        </div>
      ) : null}
      {refreshError ? (
        <div className="fleet-alert" role="alert">
          {errorText(t, refreshError)}
        </div>
      ) : null}

      {!loaded && !loadError ? <p className="muted">{t('common.loading')}</p> : null}
      {empty ? <FleetEmpty onAddNas={() => actions.openAdd('nas')} onAddEsxi={() => actions.openAdd('esxi')} /> : null}

      {loaded && !empty ? (
        <div className="fleet-body">
          {esxi.length > 0 ? <FleetSummary summary={summary} /> : null}
          {nas.length === 0 ? (
            <div className="fleet-note">
              <span>{t('fleet.ui.nas.missing')}</span>
              <Button variant="ghost" onClick={() => actions.openAdd('nas')}>
                {t('fleet.ui.addNas')}
              </Button>
            </div>
          ) : null}
          {nas.map((n) => (
            <NasCard key={n.host.id} nas={n} now={now} checking={isChecking(refresh, n.host.id)} onRemove={() => setRemoving(n.host)} />
          ))}
          {esxi.map((h) => (
            <EsxiHostCard
              key={h.host.id}
              host={h}
              now={now}
              checking={isChecking(refresh, h.host.id)}
              onRefresh={refresh ? null : () => void actions.refreshHosts([h.host.id])}
              onRemove={() => setRemoving(h.host)}
            />
          ))}
        </div>
      ) : null}

      {add ? (
        <AddHostDialog
          key={add.role}
          run={add}
          onSubmit={(input) => void actions.submitAdd(input)}
          onStop={() => void actions.stopAdd()}
          onClose={() => actions.closeAdd()}
        />
      ) : null}
      {removing ? (
        <RemoveHostDialog
          host={removing}
          onClose={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void actions.removeHost(removing.id);
          }}
        />
      ) : null}
    </div>
  );
}
