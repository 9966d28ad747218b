import type { ErrorData } from '../../../../../shared/errors/app-error.ts';
import type { HostRole } from '../../../../../shared/ipc/fleet.ts';
import type { JobProgress } from '../../../../../shared/ipc/jobs.ts';
import type { SecretStorage } from '../../../../../shared/ipc/ssh.ts';

export interface AddRun {
  role: HostRole;
  /** The add job while it runs (the dialog shows its progress in place). */
  jobId: string | null;
  running: boolean;
  /** The job's latest step (connecting, probing), with its params. */
  progress: JobProgress | null;
  error: ErrorData | null;
  /** What the submitted form named, so the SSH dialogs can call the machine by its name before it is saved. */
  target: { name: string; address: string; port: number } | null;
  /** Where "remember" would keep the password; null until known. */
  storage: SecretStorage | null;
}

export interface AddState {
  /** The open "add a host / the NAS" dialog, or null. */
  add: AddRun | null;
}

export const addInitialState: AddState = { add: null };
