import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { JobDone } from '../../../shared/ipc/jobs.ts';
import type { BackupRun, RunLive, VmProgress } from '../../../shared/model/backup.ts';
import type { HistoryRun, RunEnded } from '../../../shared/model/backup-history.ts';
import { client } from '../../app/client.ts';
import { errorData } from '../../stores/fleet/service.ts';
import { i18next } from '../../i18n/index.ts';
import { jobDone, startJob } from '../../stores/jobs/job-done.ts';
import { useSettings } from '../../stores/settings/store.ts';
import { announceRunEnded } from './run-ended.ts';

/** A run this window follows: its job, every VM's state, the log lines as they come, and how it ended. */
export interface LiveRun {
  jobId: string;
  hostId: string;
  hostName: string;
  runId: string | null;
  /** When the job began (a run found again counts from its own start, once its record is known). */
  startedAt: number;
  vms: VmProgress[];
  /** The newest live view (`backup:live`): per VM the time taken and the time left, the run's bytes and rate. */
  view: RunLive | null;
  lines: string[];
  /** Found again (not started in this window): lines before that are in the log on the share. */
  reattached: boolean;
  done: JobDone | null;
}

export type OpenRun = { kind: 'live'; jobId: string } | { kind: 'past'; runId: string };

interface BackupsState {
  runs: HistoryRun[];
  loaded: boolean;
  error: ErrorData | null;
  live: Record<string, LiveRun>;
  open: OpenRun | null;
  /** Runs that ended with problems while no desktop notification could be shown: the in-app banner's. */
  ended: RunEnded[];
  /** Reads the runs Custode knows and follows again every one still going on. */
  load(): Promise<void>;
  /** Starts a reviewed run and opens its page. */
  /** `confirm`: the second confirmation of each snapshot the reviewed plan removes first (`<VM>:<id>`). */
  start(input: { hostId: string; hostName: string; planId: string; vms: string[]; dryRun: boolean; reason: string; confirm?: string[] }): Promise<void>;
  openRun(open: OpenRun | null): void;
  /** Reads the history again (after a cancel or a verification). */
  refresh(): Promise<void>;
  dismissEnded(runId: string): void;
}

// A live log holds at most this many lines; ghettoVCB writes a few hundred a night.
const MAX_LINES = 20_000;

/** The text a terminal would show: a `\r` progress line shows only what was written after its last `\r`. */
const shown = (line: string): string => line.slice(line.lastIndexOf('\r') + 1);

export const useBackups = create<BackupsState>()((set, get) => {
  let listening = false;
  const patch = (jobId: string, change: (run: LiveRun) => Partial<LiveRun>): void => {
    const run = get().live[jobId];
    if (run) set({ live: { ...get().live, [jobId]: { ...run, ...change(run) } } });
  };
  const listen = (): void => {
    if (listening) return;
    listening = true;
    client().on('job:log', (l) => patch(l.jobId, (run) => ({ lines: [...run.lines.slice(-(MAX_LINES - 1)), shown(l.text)] })));
    client().on('backup:progress', (p) => patch(p.jobId, () => ({ vms: p.vms, runId: p.runId })));
    client().on('backup:live', (l) => patch(l.jobId, () => ({ view: l.live })));
    client().on('backup:runEnded', (e) => {
      if (!e.problems) return;
      // The desktop app's main process raises its own notification (electron/main/notifications): the banner is kept
      // as the section's record there, and no web notification doubles it.
      const desktop = useSettings.getState().info?.mode === 'electron';
      if (desktop || !announceRunEnded(e, i18next.t)) set({ ended: [e, ...get().ended.filter((x) => x.runId !== e.runId)] });
    });
  };
  const follow = (jobId: string, run: Omit<LiveRun, 'jobId' | 'lines' | 'done' | 'vms' | 'view'>): void => {
    if (get().live[jobId]) return;
    set({ live: { ...get().live, [jobId]: { jobId, lines: [], done: null, vms: [], view: null, ...run } } });
    void jobDone(jobId).then((done) => {
      const result = done.result as BackupRun | undefined;
      patch(jobId, () => ({ done, ...(result?.id ? { runId: result.id } : {}) }));
      void get().refresh();
    });
  };
  return {
    runs: [],
    loaded: false,
    error: null,
    live: {},
    open: null,
    ended: [],
    async load() {
      listen();
      try {
        const runs = await client().call('backup.runs', {});
        set({ runs, loaded: true, error: null });
        const following = new Set(Object.values(get().live).filter((r) => r.done === null).map((r) => r.runId));
        const going = runs.filter((r) => (r.state === 'running' || r.state === 'starting') && !following.has(r.id));
        // Newest first: one run per host is followed (attach follows a host's newest run).
        const hosts = new Map(going.map((r) => [r.hostId, r] as const).reverse());
        for (const r of hosts.values()) {
          const { jobId } = await startJob(() => client().call('backup.attach', { hostId: r.hostId }));
          follow(jobId, { hostId: r.hostId, hostName: r.hostName, runId: r.id, startedAt: r.startedAt, reattached: true });
        }
      } catch (e) {
        set({ error: errorData(e), loaded: true });
      }
    },
    async start({ hostId, hostName, planId, vms, dryRun, reason, confirm = [] }) {
      listen();
      const { jobId } = await startJob(() => client().call('backup.start', { hostId, planId, vms, dryRun, reason, confirm }));
      follow(jobId, { hostId, hostName, runId: null, startedAt: Date.now(), reattached: false });
      set({ open: { kind: 'live', jobId } });
    },
    openRun(open) {
      set({ open });
    },
    async refresh() {
      const runs = await client().call('backup.runs', {}).catch(() => null);
      if (runs) set({ runs });
    },
    dismissEnded(runId) {
      set({ ended: get().ended.filter((e) => e.runId !== runId) });
    },
  };
});

/** The live runs, newest first. */
export const liveRuns = (s: BackupsState): LiveRun[] => Object.values(s.live).sort((a, b) => b.startedAt - a.startedAt);
