import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobDone } from '../../../../shared/ipc/jobs.ts';
import type { FleetView } from '../../../../shared/ipc/fleet.ts';
import type { DrillEnded, DrillPlanView } from '../../../../shared/model/drill.ts';
import type { OperationPlan } from '../../../../shared/model/operation.ts';
import { REASON_MAX } from '../../../../shared/model/operation.ts';
import { client } from '../../../app/client.ts';
import { Button } from '../../../components/Button.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorData } from '../../../stores/fleet/service.ts';
import { jobDone, startJob } from '../../../stores/jobs/job-done.ts';
import { useJobWait } from '../../jobs/use-job-wait.ts';
import { JobBusy } from '../JobBusy.tsx';
import { ReviewStep } from '../ReviewStep.tsx';
import { VmStep, type VmChoice } from '../VmStep.tsx';
import { WizardSteps } from '../WizardSteps.tsx';
import { DrillRun } from './DrillRun.tsx';
import { DrillTarget, type DrillTargetChoice } from './DrillTarget.tsx';

const STEPS = ['vm', 'target', 'review', 'run'] as const;
type Step = (typeof STEPS)[number];

export interface DrillRunState {
  jobId: string;
  ended: DrillEnded | null;
  done: JobDone | null;
  cancelling: boolean;
}

/**
 * A drill started by hand: the VM (as the restore wizard lists them), the target host and, optionally, its datastore;
 * then the drill's plan with every check and its exact commands, the reason, and the run with its phases, cancel and
 * result. Nothing is written before Run.
 */
export function DrillStarter({ view, onStarted }: { view: FleetView | null; onStarted(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('vm');
  const [busy, setBusy] = useState<string | null>(null);
  const [vm, setVm] = useState<VmChoice | null>(null);
  const [target, setTarget] = useState<DrillTargetChoice>({ hostId: '', datastore: '' });
  const [planned, setPlanned] = useState<{ view: DrillPlanView; plan: OperationPlan | null } | null>(null);
  const [reason, setReason] = useState('');
  const [run, setRun] = useState<DrillRunState | null>(null);
  const { error, setError, wait, stop } = useJobWait();
  const unlisten = useRef<(() => void) | null>(null);
  useEffect(() => () => unlisten.current?.(), []);

  const chooseVm = (choice: VmChoice) => {
    setVm(choice);
    setTarget({ hostId: choice.hostId, datastore: '' });
    setStep('target');
  };

  const plan = async () => {
    if (!vm) return;
    const host = view?.esxi.find((e) => e.host.id === target.hostId)?.host.name ?? '';
    const datastore = target.datastore.trim();
    const request = { vm: vm.vm, fromHostId: vm.hostId, toHostId: target.hostId, ...(datastore !== '' ? { datastore } : {}) };
    setBusy(t('drills.ui.start.planning', { vm: vm.vm, host }));
    try {
      const v = await wait<DrillPlanView>(() => client().call('drill.plan', request));
      if (!v) return;
      const { plan: operation } = await client().call('restore.review', { planId: v.restore.planId });
      setPlanned({ view: v, plan: operation });
      setStep('review');
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(null);
    }
  };

  const start = async () => {
    if (!planned) return;
    setError(null);
    // drill:ended comes before the job's end; it is listened to before the start, as a short drill may end first.
    const seen: DrillEnded[] = [];
    let jobId: string | null = null;
    const off = client().on('drill:ended', (e) => {
      seen.push(e);
      if (e.jobId === jobId) setRun((r) => (r ? { ...r, ended: e } : r));
    });
    unlisten.current = off;
    try {
      jobId = (await startJob(() => client().call('drill.run', { drillId: planned.view.drillId, reason: reason.trim() }))).jobId;
      const id = jobId;
      setRun({ jobId: id, ended: seen.find((e) => e.jobId === id) ?? null, done: null, cancelling: false });
      setStep('run');
      onStarted();
      void jobDone(id).then((done) => setRun((r) => (r?.jobId === id ? { ...r, done } : r)));
    } catch (e) {
      off();
      unlisten.current = null;
      // A reviewed drill runs at most once: after a refusal it is planned again.
      setError(errorData(e));
      setStep('target');
    }
  };

  const cancel = () => {
    if (!run) return;
    setRun({ ...run, cancelling: true });
    void client()
      .call('drill.cancel', { jobId: run.jobId })
      .catch((e: unknown) => setError(errorData(e)));
  };

  const reset = (keepOpen: boolean) => {
    unlisten.current?.();
    unlisten.current = null;
    setRun(null);
    setPlanned(null);
    setReason('');
    setVm(null);
    setError(null);
    setStep('vm');
    setOpen(keepOpen);
  };

  if (!open) {
    return (
      <div className="drill-start-closed">
        <Button variant="primary" onClick={() => setOpen(true)}>
          {t('drills.ui.start.open')}
        </Button>
      </div>
    );
  }

  const index = STEPS.indexOf(step);
  const trimmed = reason.trim();
  const canRun = planned !== null && planned.plan !== null && planned.view.restore.verdict !== 'block' && trimmed.length > 0 && trimmed.length <= REASON_MAX && busy === null;
  const running = step === 'run' && run !== null && run.done === null;
  const hostDiffers = vm !== null && target.hostId !== vm.hostId;

  return (
    <div className="restore-wizard drill-wizard" data-testid="drill-wizard" data-step={step}>
      <WizardSteps steps={STEPS} current={step} label={t('drills.ui.start.steps')} word={(s) => t(`drills.ui.start.step.${s}`)} />
      {busy !== null ? <JobBusy label={busy} stop={t('restore.ui.stop')} onStop={stop} /> : null}
      <div hidden={busy !== null}>
        {step === 'vm' ? <VmStep view={view} onChoose={chooseVm} /> : null}
        {step === 'target' && vm ? <DrillTarget view={view} vm={vm} value={target} onChange={setTarget} /> : null}
        {step === 'review' && planned ? (
          <div className="stack-sm" data-testid="drill-review">
            <p className="drill-intro">{t('drills.ui.review.intro', { vm: planned.view.restore.vm, host: planned.view.restore.targetHost })}</p>
            <ol className="drill-what" data-testid="drill-what">
              {(['nics', 'marker', 'powerOn', 'measure', 'teardown'] as const).map((k) => (
                <li key={k}>{t(`drills.ui.review.what.${k}`, { name: planned.view.restore.name, marker: planned.view.marker, folder: planned.view.restore.targetFolder })}</li>
              ))}
            </ol>
            <ReviewStep
              view={planned.view.restore}
              plan={planned.plan}
              reason={reason}
              onReason={setReason}
              afterCommands={
                <>
                  <h3 className="restore-heading">{t('drills.ui.review.teardownCommands', { name: planned.view.restore.name })}</h3>
                  <pre className="plan-commands" data-testid="drill-teardown-commands">
                    {planned.view.teardown.join('\n')}
                  </pre>
                </>
              }
            />
          </div>
        ) : null}
        {step === 'run' && planned && run ? <DrillRun view={planned.view} run={run} onCancel={cancel} /> : null}
      </div>
      <ErrorAlert error={error} />
      <div className="restore-actions" hidden={busy !== null}>
        {step !== 'run' ? <Button onClick={() => reset(false)}>{t('drills.ui.start.close')}</Button> : null}
        {index > 0 && step !== 'run' ? <Button onClick={() => setStep(STEPS[index - 1]!)}>{t('restore.ui.back')}</Button> : null}
        {step === 'target' ? (
          <Button variant="primary" disabled={target.hostId === '' || (hostDiffers && target.datastore.trim() === '')} onClick={() => void plan()}>
            {t('drills.ui.start.plan')}
          </Button>
        ) : null}
        {step === 'review' ? (
          <>
            <Button onClick={() => void plan()}>{t('restore.ui.review.checkAgain')}</Button>
            <Button variant="primary" disabled={!canRun} onClick={() => void start()}>
              {t('drills.ui.review.run')}
            </Button>
          </>
        ) : null}
        {step === 'run' && !running ? (
          <>
            <Button onClick={() => reset(false)}>{t('drills.ui.start.close')}</Button>
            <Button variant="primary" onClick={() => reset(true)}>
              {t('drills.ui.start.again')}
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
