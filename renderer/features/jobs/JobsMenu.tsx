import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Icon } from '../../components/icons.tsx';
import { Progress } from '../../components/Progress.tsx';
import { jobSelectors, useJobs, type JobView } from '../../stores/jobs/store.ts';

const stateTone = { running: 'info', succeeded: 'success', failed: 'danger', cancelled: 'neutral' } as const;

export function jobTitle(t: (key: string) => string, job: Pick<JobView, 'kind'>): string {
  return t(`jobs.kind.${job.kind}`);
}

/** The queue of long operations: always one click away, with progress and cancel for each. */
export function JobsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const running = useJobs(useShallow(jobSelectors.running));
  const recent = useJobs(useShallow(jobSelectors.recent));
  const cancel = useJobs((s) => s.cancel);
  return (
    <div className="jobs-menu">
      <button type="button" className="jobs-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="jobs" />
        <span>{t('jobs.title')}</span>
        {running.length > 0 ? <Badge tone="info">{t('jobs.running', { count: running.length })}</Badge> : null}
      </button>
      {open ? (
        <div className="jobs-panel" role="region" aria-label={t('jobs.title')}>
          {recent.length === 0 ? <p className="muted">{t('jobs.none')}</p> : null}
          {recent.map((job) => (
            <div key={job.jobId} className="job-row" data-job-state={job.state}>
              <div className="job-row-head">
                <strong>{jobTitle(t, job)}</strong>
                <Badge tone={stateTone[job.state]}>{t(`jobs.state.${job.state}`)}</Badge>
              </div>
              {job.state === 'running' ? (
                <div className="job-row-progress">
                  <Progress fraction={job.fraction} label={jobTitle(t, job)} />
                  <Button variant="ghost" onClick={() => void cancel(job.jobId)}>
                    {t('jobs.cancel')}
                  </Button>
                </div>
              ) : null}
              {job.stepKey && job.state === 'running' ? <p className="muted small">{t(job.stepKey)}</p> : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
