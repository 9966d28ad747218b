import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { Button } from '../../components/Button.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Progress } from '../../components/Progress.tsx';
import { PlanReview } from '../operations/PlanReview.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { useToasts } from '../../stores/toasts/store.ts';
import { HostSetupActions } from '../setup/HostSetupActions.tsx';
import { useSetupDrafts } from '../setup/setup-drafts.ts';
import { SetupWizard } from '../setup/SetupWizard.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { addSelectors } from '../../stores/fleet/slices/add/selectors.ts';
import type { FleetTab } from '../../stores/fleet/slices/view/initialState.ts';
import { isChecking, summarize, viewSelectors } from '../../stores/fleet/slices/view/selectors.ts';
import { groupFindings } from '../../stores/fleet/slices/view/shared-findings.ts';
import { fleetStore, useFleet } from '../../stores/fleet/store.ts';
import { AddHostDialog } from './AddHostDialog.tsx';
import { DownBanner } from './DownBanner.tsx';
import { EsxiHostCard } from './EsxiHostCard.tsx';
import { FleetEmpty } from './FleetEmpty.tsx';
import { FleetSummary } from './FleetSummary.tsx';
import { FleetVmTable } from './FleetVmTable.tsx';
import { HostList } from './HostList.tsx';
import { withoutStateFindings } from './labels.ts';
import { NasCard } from './NasCard.tsx';
import { RefreshOutcomeLine } from './RefreshOutcomeLine.tsx';
import { SharedFindings } from './SharedFindings.tsx';
import { useNow } from './use-now.ts';
import './fleet.css';

const TABS: FleetTab[] = ['machines', 'vms', 'warnings'];

/**
 * The fleet: a summary band, then the machines one line each, every VM in one table, or every warning once with
 * the machines it applies to; a machine's line opens its own page (the full card). Refreshing checks all hosts in
 * parallel and never waits on a dead one; the add dialogs start here.
 */
export function FleetPage() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const esxi = useFleet(viewSelectors.esxi);
  const nas = useFleet(viewSelectors.nas);
  const { loaded, empty, loadError, refresh, refreshProgress, refreshError, lastRefresh, tab, opened } = useFleet(
    useShallow((s) => ({
      loaded: viewSelectors.loaded(s),
      empty: viewSelectors.empty(s),
      loadError: s.loadError,
      refresh: s.refresh,
      refreshProgress: s.refreshProgress,
      refreshError: s.refreshError,
      lastRefresh: s.lastRefresh,
      tab: s.tab,
      opened: s.opened,
    })),
  );
  const add = useFleet(addSelectors.add);
  const setupOpen = useSetupDrafts((s) => s.open);
  const actions = fleetStore.getState();
  const [removing, setRemoving] = useState<{ host: HostEntry; plan: OperationPlan } | null>(null);
  // Removing a machine is a reviewed operation: its plan, a reason, then the run, recorded in the trail.
  const remove = (host: HostEntry) =>
    void actions.planRemoval(host.id).then(
      (plan) => setRemoving({ host, plan }),
      (e: unknown) => useToasts.getState().push('danger', (now) => errorText(now, errorData(e))),
    );
  const summary = useMemo(() => summarize({ esxi, nas }, now), [esxi, nas, now]);
  const shared = useMemo(
    () => groupFindings([...nas, ...esxi].map((m) => ({ id: m.host.id, name: m.host.name, findings: withoutStateFindings(m.findings) }))),
    [esxi, nas],
  );
  const openEsxi = esxi.find((h) => h.host.id === opened);
  const openNas = nas.find((n) => n.host.id === opened);
  const open = (id: string) => actions.openMachine(id);

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

  let body = null;
  if (loaded && !empty && openEsxi) {
    body = (
      <div className="fleet-body" data-testid="host-page">
        <BackLink onBack={() => actions.openMachine(null)} />
        {setupOpen === openEsxi.host.id ? (
          <SetupWizard
            host={openEsxi}
            nas={nas}
            onClose={() => {
              useSetupDrafts.getState().close();
              if (!refresh) void actions.refreshHosts([openEsxi.host.id]);
            }}
          />
        ) : (
          <>
            <HostSetupActions host={openEsxi} nas={nas} />
            <EsxiHostCard
              host={openEsxi}
              now={now}
              checking={isChecking(refresh, openEsxi.host.id)}
              onRefresh={refresh ? null : () => void actions.refreshHosts([openEsxi.host.id])}
              onRemove={() => remove(openEsxi.host)}
            />
          </>
        )}
      </div>
    );
  } else if (loaded && !empty && openNas) {
    body = (
      <div className="fleet-body" data-testid="host-page">
        <BackLink onBack={() => actions.openMachine(null)} />
        <NasCard nas={openNas} now={now} checking={isChecking(refresh, openNas.host.id)} onRemove={() => remove(openNas.host)} />
      </div>
    );
  } else if (loaded && !empty) {
    body = (
      <div className="fleet-body">
        <DownBanner down={summary.down} now={now} onOpen={open} />
        {esxi.length > 0 ? <FleetSummary summary={summary} /> : null}
        {nas.length === 0 ? (
          <div className="fleet-note">
            <span>{t('fleet.ui.nas.missing')}</span>
            <Button variant="ghost" onClick={() => actions.openAdd('nas')}>
              {t('fleet.ui.addNas')}
            </Button>
          </div>
        ) : null}
        <div className="fleet-tabs" role="tablist" aria-label={t('fleet.title')}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" id={`fleet-tab-${id}`} aria-selected={tab === id} aria-controls="fleet-tabpanel" className={tab === id ? 'fleet-tab active' : 'fleet-tab'} onClick={() => actions.showTab(id)}>
              {t(`fleet.ui.tab.${id}`, { count: id === 'machines' ? esxi.length + nas.length : id === 'vms' ? summary.vms : shared.length })}
            </button>
          ))}
        </div>
        <div id="fleet-tabpanel" role="tabpanel" aria-labelledby={`fleet-tab-${tab}`}>
          {tab === 'machines' ? <HostList esxi={esxi} nas={nas} now={now} checking={(id) => isChecking(refresh, id)} onOpen={open} /> : null}
          {tab === 'vms' ? <FleetVmTable esxi={esxi} now={now} onOpenHost={open} /> : null}
          {tab === 'warnings' ? <SharedFindings groups={shared} onOpen={open} /> : null}
        </div>
      </div>
    );
  }

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
      ) : lastRefresh ? (
        <RefreshOutcomeLine outcome={lastRefresh} onOpen={open} />
      ) : null}
      {refreshError ? (
        <div className="fleet-alert" role="alert">
          {errorText(t, refreshError)}
        </div>
      ) : null}

      {!loaded && !loadError ? <p className="muted">{t('common.loading')}</p> : null}
      {empty ? <FleetEmpty onAddNas={() => actions.openAdd('nas')} onAddEsxi={() => actions.openAdd('esxi')} /> : null}
      {body}

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
        <PlanReview
          plan={removing.plan}
          onClose={(ran) => {
            setRemoving(null);
            if (ran) void actions.removalRan(removing.host.id);
          }}
        />
      ) : null}
    </div>
  );
}

function BackLink({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  return (
    <div>
      <button type="button" className="link-button back-link" onClick={onBack} data-testid="back-to-fleet">
        ← {t('fleet.ui.back')}
      </button>
    </div>
  );
}
