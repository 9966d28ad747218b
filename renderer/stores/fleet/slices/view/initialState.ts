import type { ErrorData } from '../../../../../shared/errors/app-error.ts';
import type { FleetView } from '../../../../../shared/ipc/fleet.ts';
import type { JobProgress } from '../../../../../shared/ipc/jobs.ts';

export interface RefreshRun {
  jobId: string;
  /** null: every host. */
  hostIds: string[] | null;
  /** Hosts whose new probe is already on screen; the others still show a spinner. */
  updated: string[];
}

export interface ViewState {
  /** The last probe of every machine, as core keeps it (shown at once, also offline). */
  view: FleetView | null;
  loading: boolean;
  loadError: ErrorData | null;
  refresh: RefreshRun | null;
  /** The refresh job's latest progress, with the step's params (which host, how many done). */
  refreshProgress: JobProgress | null;
  refreshError: ErrorData | null;
  /** Machines asked to be checked while a refresh ran; they are checked when it ends. */
  queued: string[];
  /** The fleet page's tab, and the machine whose own page is open (null: the fleet overview). */
  tab: FleetTab;
  opened: string | null;
  /** How the last finished refresh went, machine by machine (null until one finishes). */
  lastRefresh: RefreshOutcome | null;
}

export type FleetTab = 'machines' | 'vms' | 'warnings';

export interface RefreshOutcome {
  at: number;
  state: 'succeeded' | 'failed' | 'cancelled';
  /** One entry per machine checked: its name, the probe's state and, when it did not answer, why. */
  hosts: { hostId: string; name: string; state: string; error: ErrorData | null }[];
}

export const viewInitialState: ViewState = {
  view: null,
  loading: false,
  loadError: null,
  refresh: null,
  refreshProgress: null,
  refreshError: null,
  queued: [],
  tab: 'machines',
  opened: null,
  lastRefresh: null,
};
