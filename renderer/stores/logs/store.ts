import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { CatalogStatus, History, RunDetail, RunFilter, RunRow, SearchResult } from '../../../shared/ipc/logs.ts';
import { client } from '../../app/client.ts';
import { errorData } from '../fleet/service.ts';

/**
 * The Logs section's state: the catalog's status (for the offline badge), the run list and its filters, the
 * history grid, the last search, and the open run (with the line to show). Everything is read from the local
 * catalog, so it works with no machine reachable.
 */
export type LogsTab = 'runs' | 'history' | 'search';

export interface OpenRun {
  detail: RunDetail;
  /** The line the raw view scrolls to (a search hit, a VM's first line); null: the run's first line. */
  line: number | null;
  vm: string | null;
}

interface LogsState {
  tab: LogsTab;
  status: CatalogStatus | null;
  filter: Omit<RunFilter, 'limit'>;
  runs: RunRow[] | null;
  historyDays: 30 | 365;
  history: History | null;
  query: string;
  search: SearchResult | null;
  open: OpenRun | null;
  error: ErrorData | null;
  syncJob: string | null;
  setTab(tab: LogsTab): void;
  load(): Promise<void>;
  setFilter(patch: Partial<LogsState['filter']>): Promise<void>;
  setHistoryDays(days: 30 | 365): Promise<void>;
  runSearch(query: string): Promise<void>;
  openRun(runId: number, line?: number | null): Promise<void>;
  selectVm(vm: string | null): void;
  closeRun(): void;
  sync(): Promise<void>;
}

const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

export const useLogs = create<LogsState>()((set, get) => {
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      set({ error: null });
      await work();
    } catch (error) {
      set({ error: errorData(error) });
    }
  };
  return {
    tab: 'runs',
    status: null,
    filter: {},
    runs: null,
    historyDays: 30,
    history: null,
    query: '',
    search: null,
    open: null,
    error: null,
    syncJob: null,
    setTab(tab) {
      set({ tab, open: null });
      if (tab === 'history' && get().history === null) void get().setHistoryDays(get().historyDays);
    },
    load: () =>
      guard(async () => {
        const [status, runs] = await Promise.all([client().call('logs.status', {}), client().call('logs.runs', clean({ ...get().filter }))]);
        set({ status, runs });
        if (get().tab === 'history') set({ history: await client().call('logs.history', { days: get().historyDays }) });
      }),
    setFilter: (patch) =>
      guard(async () => {
        const filter = { ...get().filter, ...patch };
        set({ filter });
        set({ runs: await client().call('logs.runs', clean({ ...filter })) });
      }),
    setHistoryDays: (days) =>
      guard(async () => {
        set({ historyDays: days });
        set({ history: await client().call('logs.history', { days }) });
      }),
    runSearch: (query) =>
      guard(async () => {
        set({ query, tab: 'search', open: null });
        set({ search: query.trim() === '' ? null : await client().call('logs.search', { query }) });
      }),
    openRun: (runId, line = null) =>
      guard(async () => {
        const detail = await client().call('logs.run', { runId });
        set({ open: { detail, line, vm: null } });
      }),
    selectVm(vm) {
      const open = get().open;
      if (!open) return;
      const at = vm === null ? null : (open.detail.vms.find((v) => v.name === vm)?.line ?? null);
      set({ open: { ...open, vm, line: at ?? open.line } });
    },
    closeRun() {
      set({ open: null });
    },
    sync: () =>
      guard(async () => {
        const { jobId } = await client().call('logs.sync', {});
        set({ syncJob: jobId });
        const off = client().on('job:done', (done) => {
          if (done.jobId !== jobId) return;
          off();
          set({ syncJob: null });
          void get().load();
        });
      }),
  };
});
