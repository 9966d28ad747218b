import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { JobLog, JobSummary } from '../../../shared/ipc/jobs.ts';
import { client } from '../../app/client.ts';

export interface JobView extends JobSummary {
  stepKey: string | null;
  /** The step's values for its words (a disk's number and paths). */
  stepParams: Record<string, string | number>;
  logs: JobLog[];
  error: ErrorData | null;
  result: unknown;
}

interface JobsState {
  jobs: Record<string, JobView>;
  /** Subscribes to job events once; returns the unsubscribe. */
  connect(onDone: (job: JobView) => void): () => void;
  cancel(jobId: string): Promise<void>;
}

const MAX_LOG_LINES = 500;

export const useJobs = create<JobsState>()((set, get) => ({
  jobs: {},
  connect(onDone) {
    const patch = (jobId: string, change: (job: JobView) => Partial<JobView>): void => {
      const job = get().jobs[jobId];
      if (job) set({ jobs: { ...get().jobs, [jobId]: { ...job, ...change(job) } } });
    };
    const offs = [
      client().on('job:started', (s) => set({ jobs: { ...get().jobs, [s.jobId]: { ...s, stepKey: null, stepParams: {}, logs: [], error: null, result: undefined } } })),
      client().on('job:progress', (p) => patch(p.jobId, () => ({ fraction: p.fraction, step: p.step, stepKey: p.stepKey, stepParams: p.stepParams ?? {} }))),
      client().on('job:log', (l) => patch(l.jobId, (job) => ({ logs: [...job.logs.slice(-(MAX_LOG_LINES - 1)), l] }))),
      client().on('job:done', (d) => {
        patch(d.jobId, () => ({ state: d.state, endedAt: Date.now(), error: d.error ?? null, result: d.result, ...(d.state === 'succeeded' ? { fraction: 1 } : {}) }));
        const job = get().jobs[d.jobId];
        if (job) onDone(job);
      }),
    ];
    return () => offs.forEach((off) => off());
  },
  async cancel(jobId) {
    await client().call('jobs.cancel', { jobId });
  },
}));

export const jobSelectors = {
  running: (s: JobsState): JobView[] => Object.values(s.jobs).filter((j) => j.state === 'running'),
  recent: (s: JobsState): JobView[] => Object.values(s.jobs).sort((a, b) => b.startedAt - a.startedAt).slice(0, 20),
  byKind: (kind: string) => (s: JobsState): JobView | undefined =>
    Object.values(s.jobs).filter((j) => j.kind === kind).sort((a, b) => b.startedAt - a.startedAt)[0],
};
