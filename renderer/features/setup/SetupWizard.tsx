import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { EsxiStatus, NasStatus } from '../../../shared/ipc/fleet.ts';
import type { OperationResult } from '../../../shared/model/operation.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Progress } from '../../components/Progress.tsx';
import { jobSelectors, useJobs } from '../../stores/jobs/store.ts';
import { useJobWait } from '../jobs/use-job-wait.ts';
import { ApplyStep } from './ApplyStep.tsx';
import { ConfStep } from './ConfStep.tsx';
import { DryRunStep, type DryRunView } from './DryRunStep.tsx';
import { HostStep } from './HostStep.tsx';
import { InstallStep } from './InstallStep.tsx';
import { MountStep } from './MountStep.tsx';
import { STATE_TONE } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { ScheduleStep } from './ScheduleStep.tsx';
import { useSetupDrafts } from './setup-drafts.ts';
import { ShareStep } from './ShareStep.tsx';
import { SummaryStep } from './SummaryStep.tsx';
import { choiceProblem, pageOfError, pageState, planInput, resumePage, WIZARD_PAGES, type PageState, type SetupChoices, type WizardPage } from './wizard-pages.ts';
import './setup.css';

const selectApplyJob = jobSelectors.byKind('operation.setup.apply');

/**
 * The host setup wizard, one page per step. Every plan reads both machines again (a job the user can stop, so a
 * dead host never holds the page): pages already done say so, the others show what changes and its commands; a
 * refusal is shown on its own page with why and what to do. The changes run as one reviewed plan with a reason;
 * then the dry run and the summary. The page reached and the choices are kept for the session, so leaving and
 * coming back continues there.
 */
export function SetupWizard({ host, nas, onClose }: { host: EsxiStatus; nas: NasStatus[]; onClose(): void }) {
  const { t } = useTranslation();
  const hostId = host.host.id;
  const draft = useSetupDrafts((s) => s.drafts[hostId])!;
  const save = (patch: Parameters<ReturnType<typeof useSetupDrafts.getState>['save']>[1]) => useSetupDrafts.getState().save(hostId, patch);
  const { page, choices, mode } = draft;
  const [view, setView] = useState<SetupPlanView | null>(null);
  const [plannedWith, setPlannedWith] = useState<string | null>(null);
  const [local, setLocal] = useState<{ page: WizardPage; error: ErrorData } | null>(null);
  const [reason, setReason] = useState('');
  const { error, setError, wait, stop, busy, setBusy, job } = useJobWait();
  const applyJob = useJobs(selectApplyJob);
  const go = (p: WizardPage) => save({ page: p });
  const refusal = local ?? (error ? { page: pageOfError(error, page), error } : null);
  const nasId = choices.nasId !== '' ? choices.nasId : (nas[0]?.host.id ?? '');
  const input = (c: SetupChoices) => JSON.stringify(planInput(hostId, { ...c, nasId }, true));
  const dirty = view === null || choiceProblem(choices) !== null || plannedWith !== input(choices);

  /** Plans again with the choices; on success goes to `then` (or where the wizard resumes), a refusal to its page. */
  const plan = async (c: SetupChoices, then: WizardPage | 'resume' | null): Promise<SetupPlanView | null> => {
    const problem = choiceProblem(c);
    setLocal(problem);
    if (problem) {
      go(problem.page);
      return null;
    }
    if (nasId === '') return null;
    const asked = planInput(hostId, { ...c, nasId }, true);
    const v = await job<SetupPlanView>(t('setup.ui.planning', { host: host.host.name }), () => client().call('setup.plan', asked));
    if (v === null) return null;
    setView(v);
    setPlannedWith(JSON.stringify(asked));
    if (then === 'resume') go(resumePage(v, page));
    else if (then !== null) go(then);
    return v;
  };

  // A refusal stands for the choices it was made on: changing one clears it until the next check.
  const change = (patch: Partial<SetupChoices>) => {
    setLocal(null);
    setError(null);
    save({ choices: { ...choices, ...patch } });
  };

  useEffect(() => {
    // A refusal core words is shown on its page.
    if (error) go(pageOfError(error, page));
  }, [error]);

  useEffect(() => {
    void plan(choices, 'resume');
  }, [hostId]);

  const apply = async () => {
    const p = view?.plan;
    if (!p) return;
    setBusy(t('setup.ui.apply.running'));
    let ran: unknown = null;
    try {
      ran = await wait<unknown>(() => client().call('setup.apply', { planId: p.id, reason: reason.trim() }));
      const result: OperationResult | null = await client()
        .call('operations.result', { operationId: p.id })
        .catch(() => null);
      save({ applied: { plan: p, result } });
      setReason('');
    } finally {
      setBusy(null);
    }
    // A reviewed plan runs once: after a failure or a stop its error stays shown and the next plan is asked for.
    if (ran === null) return setPlannedWith(null);
    // Read both machines again: a finished setup plans nothing.
    await plan(useSetupDrafts.getState().drafts[hostId]!.choices, null);
  };

  const dryRun = async () => {
    const r = await job<DryRunView>(t('setup.ui.dryRun.running'), () => client().call('setup.dryRun', { hostId, nasId }));
    if (r) save({ dryRun: r });
  };

  const index = WIZARD_PAGES.indexOf(page);
  const next = WIZARD_PAGES[index + 1] ?? null;
  // What the page shows was read for other choices once one changed, until the next check.
  const formState = (p: WizardPage): PageState => (view !== null && dirty && refusal?.page !== p ? 'stale' : pageState(view, p, refusal?.page ?? null));
  const formProps = (p: WizardPage): FormPageProps => ({ view, state: formState(p), refusal: refusal?.page === p ? refusal.error : null, choices, onChange: change });
  const trimmed = reason.trim();
  const canApply = view !== null && view.plan !== null && !view.waiting && !dirty && trimmed.length > 0 && trimmed.length <= REASON_MAX && busy === null;
  const applying = busy !== null && applyJob?.state === 'running';

  return (
    <section className="card setup-wizard" data-testid="setup-wizard" data-page={page} data-mode={mode} aria-labelledby="setup-title">
      <header className="setup-head">
        <div>
          <h2 id="setup-title">{t(mode === 'edit' ? 'setup.ui.titleEdit' : 'setup.ui.title', { host: host.host.name })}</h2>
          <p className="muted small">{t('setup.ui.subtitle')}</p>
        </div>
        <Button variant="ghost" onClick={onClose} data-testid="setup-close">
          {t('setup.ui.close')}
        </Button>
      </header>
      <ol className="setup-pages" aria-label={t('setup.ui.pages')}>
        {WIZARD_PAGES.map((p, i) => {
          const ran = (p === 'apply' && draft.applied?.result?.outcome === 'succeeded') || (p === 'dryRun' && draft.dryRun !== null);
          const state = ran ? 'done' : pageState(view, p, refusal?.page ?? null);
          return (
            <li key={p} className={p === page ? 'setup-tab current' : 'setup-tab'} data-testid="setup-tab" data-page={p} data-state={state}>
              <button type="button" className="setup-tab-button" aria-current={p === page ? 'step' : undefined} disabled={busy !== null} onClick={() => go(p)}>
                <span className={`setup-tab-n setup-tab-${STATE_TONE[state]}`}>{state === 'done' ? '✓' : state === 'refused' ? '!' : i + 1}</span>
                <span>{t(`setup.ui.page.${p}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
      {busy !== null ? (
        <div className="stack-sm setup-busy" aria-live="polite" data-testid="setup-busy">
          <p>{applying && applyJob?.stepKey ? t(applyJob.stepKey) : busy}</p>
          <Progress fraction={applying ? (applyJob?.fraction ?? null) : null} label={busy} />
          <div>
            <Button onClick={stop}>{t('setup.ui.stop')}</Button>
          </div>
        </div>
      ) : null}
      <div hidden={busy !== null} className="setup-body">
        {page === 'host' ? <HostStep host={host} nas={nas} nasId={nasId} view={view} onNas={(id) => change({ nasId: id })} /> : null}
        {page === 'share' ? <ShareStep {...formProps('share')} /> : null}
        {page === 'mount' ? <MountStep {...formProps('mount')} /> : null}
        {page === 'install' ? (
          <InstallStep
            {...formProps('install')}
            onPick={(file) => {
              const c = { ...choices, file };
              change({ file });
              void plan(c, null);
            }}
          />
        ) : null}
        {page === 'conf' ? <ConfStep {...formProps('conf')} /> : null}
        {page === 'schedule' ? <ScheduleStep {...formProps('schedule')} secureBoot={host.secureBoot === 'enabled'} /> : null}
        {page === 'apply' ? <ApplyStep view={dirty ? null : view} reason={reason} onReason={setReason} applied={draft.applied} /> : null}
        {page === 'dryRun' ? <DryRunStep result={draft.dryRun} /> : null}
        {page === 'summary' ? <SummaryStep view={view} ran={draft.applied?.plan ?? null} /> : null}
        {refusal && refusal.page === page && (page === 'host' || page === 'apply' || page === 'dryRun') ? <ErrorAlert error={refusal.error} /> : null}
        {refusal && refusal.page !== page ? (
          <p className="setup-elsewhere" role="alert">
            {t('setup.ui.refusedElsewhere', { page: t(`setup.ui.page.${refusal.page}`) })}{' '}
            <button type="button" className="link-button" onClick={() => go(refusal.page)}>
              {t('setup.ui.goThere')}
            </button>
          </p>
        ) : null}
      </div>
      <div className="setup-actions" hidden={busy !== null}>
        {index > 0 ? <Button onClick={() => go(WIZARD_PAGES[index - 1]!)}>{t('setup.ui.back')}</Button> : null}
        {page === 'apply' && dirty ? (
          <Button variant="primary" onClick={() => void plan(choices, null)}>
            {t('setup.ui.planAgain')}
          </Button>
        ) : null}
        {page === 'apply' && !dirty && view?.plan ? (
          <Button variant="primary" disabled={!canApply} onClick={() => void apply()}>
            {t('setup.ui.apply.run')}
          </Button>
        ) : null}
        {page === 'dryRun' ? (
          <Button variant={draft.dryRun ? 'secondary' : 'primary'} disabled={view === null || view.changes > 0 || view.waiting !== undefined} onClick={() => void dryRun()}>
            {t('setup.ui.dryRun.run')}
          </Button>
        ) : null}
        {next !== null && !(page === 'apply' && view?.plan) ? (
          dirty && page !== 'dryRun' && page !== 'apply' ? (
            <Button variant="primary" disabled={nasId === ''} onClick={() => void plan(choices, next)}>
              {t('setup.ui.check')}
            </Button>
          ) : (
            <Button variant={page === 'dryRun' && !draft.dryRun ? 'secondary' : 'primary'} onClick={() => go(next)}>
              {t('setup.ui.next')}
            </Button>
          )
        ) : null}
        {next === null ? (
          <Button variant="primary" onClick={onClose}>
            {t('setup.ui.finish')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
