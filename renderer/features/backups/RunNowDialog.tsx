import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewedRun } from '../../../shared/ipc/backup.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { hostBlocks, type PreflightReport } from '../../../shared/model/backup.ts';
import { REASON_MAX } from '../../../shared/model/operation.ts';
import { planCommands } from '../../../shared/model/plan-commands.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Progress } from '../../components/Progress.tsx';
import { errorData } from '../../stores/fleet/service.ts';
import { PlanSteps } from '../operations/PlanSteps.tsx';
import { ReasonField } from '../operations/ReasonField.tsx';
import { useJobWait } from '../jobs/use-job-wait.ts';
import { ConfirmRemovals, ConsolidatePicker, dangers, type SnapshotPick } from './ConsolidatePicker.tsx';
import { useBackups } from './backups-store.ts';
import { PreflightChecks } from './PreflightChecks.tsx';
import { VmPicker, type VmChoice } from './VmPicker.tsx';
import '../operations/operations.css';

type Phase = 'checking' | 'choose' | 'planning' | 'review' | 'starting';

/**
 * "Run now" for one host: the pre-flight (a job), the VMs, a dry run or not and the reason, then the reviewed plan
 * with its exact commands, and the start. Every wait is a job the user can stop; closing the dialog stops it.
 */
export function RunNowDialog({ host, onClose }: { host: HostEntry; onClose(): void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>('checking');
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [reviewed, setReviewed] = useState<ReviewedRun | null>(null);
  const [choice, setChoice] = useState<VmChoice>({ whole: true, chosen: [] });
  const [dryRun, setDryRun] = useState(false);
  const [reason, setReason] = useState('');
  const [picks, setPicks] = useState<SnapshotPick[]>([]);
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const { error, setError, wait, stop } = useJobWait();
  const trimmed = reason.trim();
  const reasonOk = trimmed.length > 0 && trimmed.length <= REASON_MAX;
  const vms = choice.whole ? [] : (report?.vms ?? []).filter((v) => choice.chosen.includes(v));

  /** Runs one job of the dialog; its result, or null when it failed (the error is shown) or was stopped. */
  const job = async <T,>(start: () => Promise<{ jobId: string }>, back: Phase): Promise<T | null> => {
    const result = await wait<T>(start);
    if (result === null) setPhase(back);
    return result;
  };

  const check = async () => {
    setPhase('checking');
    const r = await job<PreflightReport>(() => client().call('backup.check', { hostId: host.id }), 'choose');
    if (r) {
      setReport(r);
      setPhase('choose');
    }
  };
  useEffect(() => {
    void check();
    // The pre-flight runs once when the dialog opens; "Check again" runs it again.
  }, []);

  const plan = async () => {
    setPhase('planning');
    const consolidate = picks.filter((p) => withSnapshots.includes(p.vm));
    const r = await job<ReviewedRun>(() => client().call('backup.plan', { hostId: host.id, vms, dryRun, consolidate }), 'choose');
    if (r) {
      setConfirmed([]);
      setReviewed(r);
      setPhase('review');
    }
  };
  const start = async () => {
    if (!reviewed) return;
    setPhase('starting');
    setError(null);
    try {
      await useBackups.getState().start({ hostId: host.id, hostName: host.name, planId: reviewed.planId, vms, dryRun, reason: trimmed, confirm: confirmed });
      onClose();
    } catch (e) {
      // A reviewed plan starts at most once: after a refusal it is reviewed again.
      setError(errorData(e));
      setReviewed(null);
      setPhase('choose');
    }
  };
  const close = () => {
    stop();
    if (phase !== 'starting') onClose();
  };

  const blocks = report ? hostBlocks(report) : [];
  const flagged = new Map((report?.checks ?? []).filter((c) => c.vm !== null && c.verdict !== 'go').map((c) => [c.vm!, t(`backup.verdict.${c.verdict}`) + ': ' + t(`backup.checkName.${c.check}`)]));
  const busy = phase === 'checking' || phase === 'planning' || phase === 'starting';
  // The VMs of the run that ghettoVCB would skip for their snapshots: their snapshots may be picked for removal first.
  const inRun = (vm: string): boolean => choice.whole || vms.includes(vm);
  const withSnapshots = [...new Set((report?.checks ?? []).filter((c) => c.vm !== null && c.code === 'fleet.vm.willBeSkippedSnapshot' && inRun(c.vm)).map((c) => c.vm!))];
  const unconfirmed = reviewed ? dangers(reviewed.plan).filter((o) => !confirmed.includes(o)) : [];
  const canPlan = report !== null && blocks.length === 0 && reasonOk && (choice.whole || vms.length > 0) && !busy;

  const actions =
    phase === 'review' || phase === 'starting' ? (
      <>
        <Button onClick={() => setPhase('choose')} disabled={phase === 'starting'}>
          {t('backups.ui.dialog.back')}
        </Button>
        <Button variant="primary" onClick={() => void start()} disabled={phase === 'starting' || unconfirmed.length > 0}>
          {phase === 'starting' ? t('backups.ui.dialog.starting') : dryRun ? t('backups.ui.dialog.startDry') : t('backups.ui.dialog.start')}
        </Button>
      </>
    ) : (
      <>
        <Button onClick={close}>{busy ? t('backups.ui.dialog.stop') : t('backups.ui.dialog.cancel')}</Button>
        {!busy ? <Button onClick={() => void check()}>{t('backups.ui.dialog.checkAgain')}</Button> : null}
        <Button variant="primary" disabled={!canPlan} onClick={() => void plan()}>
          {t('backups.ui.dialog.review')}
        </Button>
      </>
    );

  return (
    <Dialog open title={t(dryRun ? 'backups.ui.dialog.titleDry' : 'backups.ui.dialog.title', { host: host.name })} onClose={close} dismissable={phase !== 'starting'} actions={actions}>
      <div className="run-now" data-testid="run-now" data-phase={phase}>
        {phase === 'checking' || phase === 'planning' ? (
          <div className="stack-sm" aria-live="polite">
            <p>{t(phase === 'checking' ? 'backups.ui.dialog.checking' : 'backups.ui.dialog.planning', { host: host.name })}</p>
            <Progress fraction={null} label={t(phase === 'checking' ? 'backups.ui.dialog.checking' : 'backups.ui.dialog.planning', { host: host.name })} />
          </div>
        ) : null}
        {(phase === 'review' || phase === 'starting') && reviewed ? (
          <div className="plan-review" data-testid="backup-plan-review" data-kind={reviewed.plan.kind}>
            <p className="muted">{t('operations.review.intro')}</p>
            <PlanSteps plan={reviewed.plan} />
            <h3 className="run-now-heading">{t('backups.ui.dialog.commands')}</h3>
            <pre className="plan-commands" data-testid="plan-commands">
              {planCommands(reviewed.plan)}
            </pre>
            <p className="small">
              <span className="muted">{t('backups.ui.run.reason')}:</span> {trimmed}
            </p>
            <ConfirmRemovals plan={reviewed.plan} confirmed={confirmed} onChange={setConfirmed} />
          </div>
        ) : null}
        {phase === 'choose' && report ? (
          <>
            {/* A VM that blocks is only skipped: the run as a whole blocks only for a finding about the host. */}
            <h3 className="run-now-heading">{t('backups.ui.dialog.preflight', { verdict: t(`backup.verdict.${blocks.length === 0 && report.verdict === 'block' ? 'warn' : report.verdict}`) })}</h3>
            {blocks.length > 0 ? (
              <p className="error-alert" role="alert">
                {t('backups.ui.dialog.hostBlocks')}
              </p>
            ) : report.verdict === 'block' ? (
              <p className="muted">{t('backups.ui.dialog.vmBlocks')}</p>
            ) : null}
            <PreflightChecks report={report} />
            <VmPicker vms={report.vms} flagged={flagged} value={choice} onChange={setChoice} disabled={blocks.length > 0} />
            {blocks.length === 0 && !dryRun ? <ConsolidatePicker hostId={host.id} vms={withSnapshots} value={picks} onChange={setPicks} /> : null}
            <label className="run-now-dry">
              <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
              {t('backups.ui.dialog.dryRun')}
              <span className="muted small"> — {t('backups.ui.dialog.dryRunHint')}</span>
            </label>
            <ReasonField value={reason} onChange={setReason} />
          </>
        ) : null}
        <ErrorAlert error={error} />
      </div>
    </Dialog>
  );
}
