import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { AddHostInput, FleetView } from '../../../shared/ipc/fleet.ts';
import type { JobDone, JobProgress, JobRef } from '../../../shared/ipc/jobs.ts';
import type { SecretStorage } from '../../../shared/ipc/ssh.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { CallError, client } from '../../app/client.ts';
import { jobDone, startJob } from '../jobs/job-done.ts';

/**
 * What the fleet store asks of core, in one place: the store's actions call this, never the transport, so a test
 * can hand the store a fake service.
 */
export interface FleetService {
  view(): Promise<FleetView>;
  refresh(hostIds?: string[]): Promise<JobRef>;
  addHost(input: AddHostInput): Promise<JobRef>;
  /** The plan for forgetting a machine, to review (with a reason) before it runs. */
  planRemoval(id: string): Promise<OperationPlan>;
  /** Where a remembered password would be kept (the add form words its checkbox from it). */
  secretStorage(): Promise<SecretStorage>;
  cancel(jobId: string): Promise<void>;
  /** Resolves when the job ends, even if it ended before this was called. */
  jobDone(jobId: string): Promise<JobDone>;
  onProgress(jobId: string, listener: (progress: JobProgress) => void): () => void;
  /** A machine's probe was stored (by a refresh or an add): its row in the view is new. */
  onHostUpdated(listener: (hostId: string) => void): () => void;
}

/** A failure of a call as the data the UI words by code. */
export function errorData(error: unknown): ErrorData {
  if (error instanceof CallError) return error.data;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function createFleetService(): FleetService {
  return {
    view: () => client().call('fleet.view', {}),
    refresh: (hostIds) => startJob(() => client().call('fleet.refresh', hostIds ? { hostIds } : {})),
    addHost: (input) => startJob(() => client().call('fleet.addHost', input)),
    planRemoval: (id) => client().call('operations.plan', { kind: 'host.remove', hostId: id }),
    secretStorage: () => client().call('ssh.secrets.status', {}),
    async cancel(jobId) {
      await client().call('jobs.cancel', { jobId });
    },
    jobDone,
    onProgress: (jobId, listener) => client().on('job:progress', (p) => (p.jobId === jobId ? listener(p) : undefined)),
    onHostUpdated: (listener) => client().on('fleet:hostUpdated', (u) => listener(u.hostId)),
  };
}
