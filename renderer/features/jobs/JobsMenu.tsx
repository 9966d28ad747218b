import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Icon } from '../../components/icons.tsx';
import { Progress } from '../../components/Progress.tsx';
import { useDismiss } from '../../components/use-dismiss.ts';
import { errorText } from '../../i18n/error-text.ts';
import { jobSelectors, useJobs, type JobView } from '../../stores/jobs/store.ts';
import { jobOutcome, jobTitle, machineOutcomes } from './job-words.ts';

const stateTone = { running: 'info', succeeded: 'success', failed: 'danger', cancelled: 'neutral' } as const;
const toneOf = { success: 'success', warning: 'warning', danger: 'danger', info: 'neutral' } as const;

function clock(lang: string, at: number): string {
  return new Intl.DateTimeFormat(lang, { timeStyle: 'medium' }).format(at);
}

/** One job: what and on which machine, its state coloured by how it really went; a click opens what happened. */
function JobRow({ job, open, onToggle }: { job: JobView; open: boolean; onToggle(): void }) {
  const { t, i18n } = useTranslation();
  const cancel = useJobs((s) => s.cancel);
  const title = jobTitle(t, job);
  const outcome = job.state === 'running' ? null : jobOutcome(t, job);
  const machines = machineOutcomes(job);
  return (
    <div className="job-row" data-job-state={job.state} data-job-kind={job.kind} data-testid="job-row">
      <button type="button" className="job-row-head" aria-expanded={open} onClick={onToggle}>
        <strong>{title}</strong>
        <Badge tone={outcome ? toneOf[outcome.tone] : stateTone[job.state]}>{t(`jobs.state.${job.state}`)}</Badge>
      </button>
      {job.state === 'running' ? (
        <div className="job-row-progress">
          <Progress fraction={job.fraction} label={title} />
          <Button variant="ghost" onClick={() => void cancel(job.jobId)}>
            {t('jobs.cancel')}
          </Button>
        </div>
      ) : null}
      {job.stepKey && job.state === 'running' ? <p className="muted small">{t(job.stepKey, job.stepParams)}</p> : null}
      {outcome && outcome.tone !== 'success' ? <p className={`small job-why job-why-${outcome.tone}`}>{outcome.text}</p> : null}
      {open ? (
        <div className="job-detail" data-testid="job-detail">
          <p className="muted small">
            {t('jobs.detail.started', { time: clock(i18n.language, job.startedAt) })}
            {job.endedAt ? ` · ${t('jobs.detail.ended', { time: clock(i18n.language, job.endedAt) })}` : ''}
          </p>
          {job.error ? <p className="small">{errorText(t, job.error)}</p> : null}
          {machines && machines.length > 0 ? (
            <ul className="job-machines">
              {machines.map((m) => (
                <li key={m.hostId} data-state={m.state}>
                  <strong>{m.name}</strong> <span className="muted small">{t(`fleet.ui.state.${m.state}`)}</span>
                  {m.error ? <span className="small"> · {errorText(t, m.error)}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {job.logs.length > 0 ? (
            <pre className="job-log">{job.logs.slice(-20).map((l) => `${clock(i18n.language, l.at)} ${l.text}`).join('\n')}</pre>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The queue of long operations: always one click away, with progress, cancel and the outcome of each. */
export function JobsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  const close = useCallback(() => setOpen(false), []);
  const ref = useDismiss<HTMLDivElement>(open, close);
  const running = useJobs(useShallow(jobSelectors.running));
  const recent = useJobs(useShallow(jobSelectors.recent));
  return (
    <div className="jobs-menu" ref={ref}>
      <button type="button" className="jobs-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="jobs" />
        <span>{t('jobs.title')}</span>
        {running.length > 0 ? <Badge tone="info">{t('jobs.running', { count: running.length })}</Badge> : null}
      </button>
      {open ? (
        <div className="jobs-panel" role="region" aria-label={t('jobs.title')} data-testid="jobs-panel">
          {recent.length === 0 ? <p className="muted">{t('jobs.none')}</p> : null}
          {recent.map((job) => (
            <JobRow key={job.jobId} job={job} open={detail === job.jobId} onToggle={() => setDetail(detail === job.jobId ? null : job.jobId)} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
