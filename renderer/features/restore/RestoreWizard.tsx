import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView } from '../../../shared/ipc/fleet.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import type { CopyListing, RestoreEnded, RestorePlanView, RestoreProgress } from '../../../shared/model/restore.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { useJobWait } from '../jobs/use-job-wait.ts';
import { CopyStep } from './CopyStep.tsx';
import { JobBusy } from './JobBusy.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { RunStep } from './RunStep.tsx';
import { knownDatastores, TargetStep, type TargetChoice } from './TargetStep.tsx';
import { VmStep, type VmChoice } from './VmStep.tsx';
import { WizardSteps } from './WizardSteps.tsx';
import { copyChoosable, firstChoice } from './wizard-state.ts';

const STEPS = ['vm', 'copy', 'target', 'review', 'run'] as const;
type Step = (typeof STEPS)[number];

/**
 * The restore wizard: the VM, its copy, the target, then the plan with every check and its exact commands, and the
 * run. Every wait is a job the user can stop; nothing is written before Run.
 */
export function RestoreWizard({ view }: { view: FleetView | null }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('vm');
  const [vm, setVm] = useState<VmChoice | null>(null);
  const [listing, setListing] = useState<CopyListing | null>(null);
  const [copy, setCopy] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const [target, setTarget] = useState<TargetChoice | null>(null);
  const [planned, setPlanned] = useState<{ view: RestorePlanView; plan: OperationPlan | null } | null>(null);
  const [reason, setReason] = useState('');
  const [run, setRun] = useState<{ jobId: string | null; progress: RestoreProgress[]; ended: RestoreEnded | null; cancelling: boolean } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const { error, setError, stop, busy, setBusy, job } = useJobWait();
  const unlisten = useRef<(() => void) | null>(null);
  useEffect(() => () => unlisten.current?.(), []);

  const chooseVm = async (choice: VmChoice) => {
    setVm(choice);
    const l = await job<CopyListing>(t('restore.ui.vm.reading', { vm: choice.vm }), () => client().call('restore.copies', { vm: choice.vm, fromHostId: choice.hostId }));
    if (!l) return;
    setNow(Date.now());
    setListing(l);
    setCopy(firstChoice(l));
    setOverride(false);
    setStep('copy');
  };

  const toTarget = () => {
    if (!vm) return;
    if (!target) {
      const hostId = vm.hostId;
      setTarget({ hostId, datastore: knownDatastores(view, hostId)[0] ?? '', name: t('restore.ui.target.defaultName', { vm: vm.vm }), format: 'thin', powerOn: false, originalGone: false });
    }
    setStep('target');
  };

  const check = async () => {
    if (!vm || !copy || !target) return;
    const host = view?.esxi.find((e) => e.host.id === target.hostId)?.host.name ?? '';
    const request = { vm: vm.vm, fromHostId: vm.hostId, copy, toHostId: target.hostId, datastore: target.datastore.trim(), name: target.name, format: target.format, powerOn: target.powerOn, originalGone: target.powerOn && target.originalGone, allowBadCopy: override };
    const v = await job<RestorePlanView>(t('restore.ui.target.checking', { host }), () => client().call('restore.plan', request));
    if (!v) return;
    try {
      const { plan } = await client().call('restore.review', { planId: v.planId });
      setPlanned({ view: v, plan });
      setStep('review');
    } catch (e) {
      setError(errorData(e));
    }
  };

  const start = async () => {
    if (!planned) return;
    setError(null);
    setBusy(t('restore.ui.review.starting'));
    // The events are listened to before the start: a short restore may end before its start call returns.
    const seen: { progress: RestoreProgress[]; ended: RestoreEnded | null } = { progress: [], ended: null };
    let jobId: string | null = null;
    const show = () => setRun((r) => ({ jobId, progress: jobId === null ? [] : seen.progress.filter((p) => p.jobId === jobId), ended: seen.ended?.jobId === jobId ? seen.ended : null, cancelling: r?.cancelling ?? false }));
    const offProgress = client().on('restore:progress', (p) => {
      seen.progress.push(p);
      if (p.jobId === jobId) show();
    });
    const offEnded = client().on('restore:ended', (e) => {
      if (jobId !== null && e.jobId !== jobId) return;
      seen.ended = e;
      show();
    });
    unlisten.current = () => {
      offProgress();
      offEnded();
    };
    try {
      jobId = (await client().call('restore.run', { planId: planned.view.planId, reason: reason.trim() })).jobId;
      show();
      setStep('run');
    } catch (e) {
      unlisten.current();
      unlisten.current = null;
      // A reviewed plan runs at most once: after a refusal it is checked again.
      setError(errorData(e));
      setStep('target');
    } finally {
      setBusy(null);
    }
  };

  const cancel = () => {
    if (!run?.jobId) return;
    setRun({ ...run, cancelling: true });
    void client()
      .call('restore.cancel', { jobId: run.jobId })
      .catch((e: unknown) => setError(errorData(e)));
  };

  const restart = () => {
    unlisten.current?.();
    unlisten.current = null;
    setRun(null);
    setPlanned(null);
    setReason('');
    setTarget(null);
    setListing(null);
    setVm(null);
    setError(null);
    setStep('vm');
  };

  const chosen = listing?.copies.find((c) => c.folder === copy) ?? null;
  const copyOk = copyChoosable(chosen, override);
  const trimmed = reason.trim();
  const canRun = planned !== null && planned.plan !== null && planned.view.verdict !== 'block' && trimmed.length > 0 && trimmed.length <= REASON_MAX && busy === null;
  const index = STEPS.indexOf(step);
  const running = step === 'run' && run?.ended === null;

  return (
    <div className="restore-wizard" data-testid="restore-wizard" data-step={step}>
      <WizardSteps steps={STEPS} current={step} label={t('restore.ui.steps')} word={(s) => t(`restore.ui.step.${s}`)} />
      {busy !== null ? <JobBusy label={busy} stop={t('restore.ui.stop')} onStop={stop} /> : null}
      <div hidden={busy !== null}>
        {step === 'vm' ? <VmStep view={view} onChoose={(c) => void chooseVm(c)} /> : null}
        {step === 'copy' && listing ? <CopyStep listing={listing} chosen={copy} override={override} now={now} onChoose={(f) => (setCopy(f), setOverride(false))} onOverride={setOverride} /> : null}
        {step === 'target' && target && chosen ? <TargetStep view={view} value={target} copySize={chosen.sizeBytes} onChange={setTarget} /> : null}
        {step === 'review' && planned ? <ReviewStep view={planned.view} plan={planned.plan} reason={reason} onReason={setReason} /> : null}
        {step === 'run' && planned && run ? <RunStep view={planned.view} progress={run.progress} ended={run.ended} cancelling={run.cancelling} onCancel={cancel} /> : null}
      </div>
      <ErrorAlert error={error} />
      <div className="restore-actions" hidden={busy !== null}>
        {index > 0 && step !== 'run' ? <Button onClick={() => setStep(STEPS[index - 1]!)}>{t('restore.ui.back')}</Button> : null}
        {step === 'copy' ? (
          <Button variant="primary" disabled={!copyOk} onClick={toTarget}>
            {t('restore.ui.next')}
          </Button>
        ) : null}
        {step === 'target' ? (
          <Button variant="primary" disabled={!target || target.datastore.trim() === '' || target.name === ''} onClick={() => void check()}>
            {t('restore.ui.target.check')}
          </Button>
        ) : null}
        {step === 'review' ? (
          <>
            <Button onClick={() => void check()}>{t('restore.ui.review.checkAgain')}</Button>
            <Button variant="primary" disabled={!canRun} onClick={() => void start()}>
              {t('restore.ui.review.run')}
            </Button>
          </>
        ) : null}
        {step === 'run' && !running ? (
          <Button variant="primary" onClick={restart}>
            {t('restore.ui.startOver')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
