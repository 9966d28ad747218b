import type { JobDone } from '../../../shared/ipc/jobs.ts';
import { client } from '../../app/client.ts';

// A job that fails at once can end before its start call has returned: recent ends are remembered.
const KEEP_DONE = 50;
const done = new Map<string, JobDone>();
const waiting = new Map<string, ((d: JobDone) => void)[]>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  client().on('job:done', (d) => {
    done.set(d.jobId, d);
    if (done.size > KEEP_DONE) done.delete(done.keys().next().value!);
    for (const resolve of waiting.get(d.jobId) ?? []) resolve(d);
    waiting.delete(d.jobId);
  });
}

/** Starts a job with the end listener already in place, so its end is never missed. */
export async function startJob<T>(start: () => Promise<T>): Promise<T> {
  listen();
  return start();
}

/** How a job started through `startJob` ended (at once if it already has). */
export function jobDone(jobId: string): Promise<JobDone> {
  listen();
  const finished = done.get(jobId);
  if (finished) return Promise.resolve(finished);
  return new Promise((resolve) => waiting.set(jobId, [...(waiting.get(jobId) ?? []), resolve]));
}
