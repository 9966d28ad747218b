import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRILL_PHASES, type DrillPlanView } from '../../../../shared/model/drill.ts';
import { Button } from '../../../components/Button.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Progress } from '../../../components/Progress.tsx';
import { useJobs } from '../../../stores/jobs/store.ts';
import { duration } from '../../logs/labels.ts';
import type { DrillRunState } from './DrillStarter.tsx';
import { drillPhase, phaseStates } from './drill-phase.ts';
import { DrillResultView } from './DrillResultView.tsx';

const MARK = { done: '✓', current: '●', waiting: '○' } as const;

/** A drill going on: its phases, the bar and the time since it started, cancel with what it does; then its result. */
export function DrillRun({ view, run, onCancel }: { view: DrillPlanView; run: DrillRunState; onCancel(): void }) {
  const { t } = useTranslation();
  const job = useJobs((s) => s.jobs[run.jobId]);
  const [now, setNow] = useState(() => Date.now());
  const finished = run.done !== null;
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [finished]);
  const phase = drillPhase(job?.stepKey ?? null);
  const states = phaseStates(phase);
  return (
    <div className="stack-sm" data-testid="drill-run" data-state={finished ? 'ended' : 'running'} data-phase={phase} data-step={job?.stepKey ?? ''}>
      <h3 className="restore-heading">{t('drills.ui.run.title', { name: view.restore.name, host: view.restore.targetHost })}</h3>
      {!finished ? (
        <>
          <ol className="drill-phases" aria-label={t('drills.ui.run.phases')}>
            {DRILL_PHASES.map((p) => (
              <li key={p} className={`drill-phase drill-phase-${states[p]}`} data-testid="drill-phase" data-phase={p} data-state={states[p]} aria-current={states[p] === 'current' ? 'step' : undefined}>
                <span className="drill-phase-mark" aria-hidden="true">
                  {MARK[states[p]]}
                </span>
                {t(`drill.phase.${p}`)}
              </li>
            ))}
          </ol>
          <Progress fraction={job?.fraction ?? null} label={t('drills.ui.run.phases')} />
          <p className="muted small" data-testid="drill-elapsed">
            {t('drills.ui.run.elapsed', { elapsed: duration(Math.max(0, Math.round((now - (job?.startedAt ?? now)) / 1000))) })}
            {phase === 'restore' && job?.stepKey && !job.stepKey.startsWith('drill.') ? ` · ${t(job.stepKey, job.stepParams)}` : ''}
          </p>
          <div className="restore-cancel">
            <p className="muted small">{run.cancelling ? t('drills.ui.run.cancelling') : t('drills.ui.run.cancelWhat')}</p>
            <Button variant="danger" onClick={onCancel} disabled={run.cancelling}>
              {t('drills.ui.run.cancel')}
            </Button>
          </div>
        </>
      ) : run.ended ? (
        <DrillResultView ended={run.ended} error={run.done?.state === 'failed' ? (run.done.error ?? null) : null} />
      ) : (
        <ErrorAlert error={run.done?.error ?? null} />
      )}
    </div>
  );
}
