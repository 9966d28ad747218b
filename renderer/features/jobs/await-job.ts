import type { JobDone, JobRef } from '../../../shared/ipc/jobs.ts';
import { client } from '../../app/client.ts';
import { jobDone, startJob } from '../../stores/jobs/job-done.ts';

/**
 * A job the dialog waits for, cancellable: `cancel()` aborts it in core (a slow or dead host never holds the dialog),
 * and the wait then ends as cancelled.
 */
export function awaitJob(start: () => Promise<JobRef>): { done: Promise<JobDone>; cancel(): void } {
  let jobId: string | null = null;
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    if (jobId !== null) void client().call('jobs.cancel', { jobId }).catch(() => undefined);
  };
  const done = startJob(start).then((ref) => {
    jobId = ref.jobId;
    if (cancelled) cancel();
    return jobDone(ref.jobId);
  });
  return { done, cancel };
}
