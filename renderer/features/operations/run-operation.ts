import type { JobDone } from '../../../shared/ipc/jobs.ts';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import { client } from '../../app/client.ts';

/**
 * Runs a reviewed plan and resolves with how it went, read back from the trail. The job may end before the run
 * call returns, so the listener is in place first.
 */
export async function runOperation(plan: OperationPlan, reason: string, confirm: string[]): Promise<{ done: JobDone; result: OperationResult | null }> {
  const ended = new Map<string, JobDone>();
  let wake: ((d: JobDone) => void) | null = null;
  let jobId: string | null = null;
  const off = client().on('job:done', (d) => {
    ended.set(d.jobId, d);
    if (d.jobId === jobId) wake?.(d);
  });
  try {
    jobId = (await client().call('operations.run', { planId: plan.id, reason, confirm })).jobId;
    const id = jobId;
    const done = ended.get(id) ?? (await new Promise<JobDone>((resolve) => (wake = resolve)));
    // A refused step writes an end entry too; a job that never started an operation has no result.
    const result = await client().call('operations.result', { operationId: plan.id }).catch(() => null);
    return { done, result };
  } finally {
    off();
  }
}
