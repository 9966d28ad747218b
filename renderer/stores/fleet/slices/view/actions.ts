import type { StateCreator } from 'zustand';
import type { OperationPlan } from '../../../../../shared/model/operation.ts';
import type { FleetService } from '../../service.ts';
import { errorData } from '../../service.ts';
import type { FleetStore } from '../../store.ts';
import { viewInitialState, type FleetTab, type RefreshOutcome, type ViewState } from './initialState.ts';

export interface ViewActions {
  load(): Promise<void>;
  /** Checks the given hosts (all when omitted) as one job; results show as each host's probe lands. */
  refreshHosts(hostIds?: string[]): Promise<void>;
  cancelRefresh(): Promise<void>;
  /** The plan for removing a machine, for the review dialog. */
  planRemoval(id: string): Promise<OperationPlan>;
  /** A reviewed removal ran: its page closes and the view is read again. */
  removalRan(id: string): Promise<void>;
  showTab(tab: FleetTab): void;
  /** Opens a machine's own page (null: back to the overview). */
  openMachine(id: string | null): void;
}

export type ViewSlice = ViewState & ViewActions;

/** The refresh job's result as the UI keeps it; anything else (an older core) reads as no outcomes. */
function outcomes(result: unknown): RefreshOutcome['hosts'] {
  if (!Array.isArray(result)) return [];
  return result.flatMap((r: { hostId?: unknown; name?: unknown; state?: unknown; error?: { code: string; message: string } | null }) =>
    typeof r?.hostId === 'string' && typeof r.name === 'string' && typeof r.state === 'string'
      ? [{ hostId: r.hostId, name: r.name, state: r.state, error: r.error ?? null }]
      : [],
  );
}

/** While a refresh runs, the view is re-read at most this often, so finished hosts show before the slow ones. */
const RELOAD_EVERY_MS = 300;

export const createViewSlice =
  (service: FleetService): StateCreator<FleetStore, [['zustand/devtools', never]], [], ViewSlice> =>
  (set, get) => {
    // Hosts whose probe landed since the last read of the view; they count as updated once the view shows them.
    let landed = new Set<string>();
    let reloadTimer: ReturnType<typeof setTimeout> | null = null;
    const reloadNow = async (): Promise<void> => {
      const shown = landed;
      landed = new Set();
      await get().load();
      const run = get().refresh;
      if (run && shown.size > 0) set({ refresh: { ...run, updated: [...new Set([...run.updated, ...shown])] } }, undefined, 'fleet/hostsUpdated');
    };
    const reloadSoon = (): void => {
      reloadTimer ??= setTimeout(() => {
        reloadTimer = null;
        void reloadNow();
      }, RELOAD_EVERY_MS);
    };
    return {
      ...viewInitialState,
      async load() {
        set({ loading: true }, undefined, 'fleet/load');
        try {
          const view = await service.view();
          set({ view, loading: false, loadError: null }, undefined, 'fleet/loaded');
        } catch (error) {
          set({ loading: false, loadError: errorData(error) }, undefined, 'fleet/loadFailed');
        }
      },
      async refreshHosts(hostIds) {
        if (get().refresh) {
          // A key just replaced during a refresh: its host is checked again as soon as this one ends.
          if (hostIds) set({ queued: [...new Set([...get().queued, ...hostIds])] }, undefined, 'fleet/refreshQueued');
          return;
        }
        set({ refreshError: null }, undefined, 'fleet/refresh');
        // Listening before the job starts: a dead host can be reported before the start call returns.
        const offUpdated = service.onHostUpdated((hostId) => {
          landed.add(hostId);
          reloadSoon();
        });
        let jobId: string;
        try {
          jobId = (await service.refresh(hostIds)).jobId;
        } catch (error) {
          offUpdated();
          set({ refreshError: errorData(error) }, undefined, 'fleet/refreshRefused');
          return;
        }
        set({ refresh: { jobId, hostIds: hostIds ?? null, updated: [] } }, undefined, 'fleet/refreshStarted');
        const offProgress = service.onProgress(jobId, (progress) => set({ refreshProgress: progress }, undefined, 'fleet/refreshProgress'));
        const done = await service.jobDone(jobId);
        offProgress();
        offUpdated();
        if (reloadTimer) clearTimeout(reloadTimer);
        reloadTimer = null;
        landed = new Set();
        await get().load();
        // A cancelled refresh is the user's choice, not an error to show.
        set(
          {
            refresh: null,
            refreshProgress: null,
            refreshError: done.state === 'failed' ? (done.error ?? null) : null,
            lastRefresh: { at: Date.now(), state: done.state, hosts: outcomes(done.result) },
          },
          undefined,
          'fleet/refreshDone',
        );
        const queued = get().queued;
        if (queued.length > 0) {
          set({ queued: [] }, undefined, 'fleet/queuedRefresh');
          await get().refreshHosts(queued);
        }
      },
      async cancelRefresh() {
        const run = get().refresh;
        if (run) await service.cancel(run.jobId);
      },
      planRemoval: (id) => service.planRemoval(id),
      async removalRan(id) {
        if (get().opened === id) set({ opened: null }, undefined, 'fleet/closeRemoved');
        await get().load();
      },
      showTab(tab) {
        set({ tab, opened: null }, undefined, 'fleet/tab');
      },
      openMachine(id) {
        set({ opened: id }, undefined, 'fleet/open');
      },
    };
  };
