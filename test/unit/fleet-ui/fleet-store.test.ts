import { describe, expect, it, vi } from 'vitest';
import type { EsxiStatus, FleetView, VmRow } from '../../../shared/ipc/fleet.ts';
import type { JobDone, JobProgress } from '../../../shared/ipc/jobs.ts';
import type { FleetService } from '../../../renderer/stores/fleet/service.ts';
import { isChecking, summarize, vmProtection } from '../../../renderer/stores/fleet/slices/view/selectors.ts';
import { createFleetStore } from '../../../renderer/stores/fleet/store.ts';
import { vmRow } from './vm-row.ts';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 26, 16, 0, 0);

const vm = (name: string, over: Partial<VmRow> = {}): VmRow => vmRow(name, NOW, over);

function host(id: string, vms: VmRow[], over: Partial<EsxiStatus> = {}): EsxiStatus {
  return {
    host: { id, role: 'esxi', name: id, address: `10.0.0.${id.length}`, port: 22, username: 'root', auth: 'password', keyPath: null, group: null, hasSecret: true, createdAt: 0 },
    state: 'ok', probedAt: NOW, error: null, version: '8.0.3', build: null, hostname: id, identityIp: null, secureBoot: 'disabled',
    installs: [], schedules: [], backupVolume: null, lock: 'none', lastRun: null, findings: [], vms, ...over,
  };
}

/** A core that answers as the test says, and records what the store asked. */
class FakeFleet implements FleetService {
  views: FleetView[] = [];
  viewCalls = 0;
  refreshCalls: (string[] | undefined)[] = [];
  added: unknown[] = [];
  cancelled: string[] = [];
  addError: Error | null = null;
  readonly #done = new Map<string, (d: JobDone) => void>();
  readonly #finished = new Map<string, JobDone>();
  #progress: ((p: JobProgress) => void) | null = null;
  #updated: ((hostId: string) => void) | null = null;
  #next = 0;

  async view(): Promise<FleetView> {
    this.viewCalls++;
    return this.views[Math.min(this.viewCalls - 1, this.views.length - 1)] ?? { esxi: [], nas: [] };
  }
  async refresh(hostIds?: string[]) {
    this.refreshCalls.push(hostIds);
    return { jobId: `job-${++this.#next}` };
  }
  async addHost(input: unknown) {
    if (this.addError) throw this.addError;
    this.added.push(input);
    return { jobId: `job-${++this.#next}` };
  }
  async planRemoval(): Promise<never> {
    throw new Error('no removal is planned in these tests');
  }
  async secretStorage() {
    return { kind: 'memory' as const, name: 'memory', basicTextAccepted: false };
  }
  async cancel(jobId: string) {
    this.cancelled.push(jobId);
  }
  jobDone(jobId: string): Promise<JobDone> {
    const finished = this.#finished.get(jobId);
    if (finished) return Promise.resolve(finished);
    return new Promise((resolve) => this.#done.set(jobId, resolve));
  }
  onProgress(_jobId: string, listener: (p: JobProgress) => void) {
    this.#progress = listener;
    return () => (this.#progress = null);
  }
  onHostUpdated(listener: (hostId: string) => void) {
    this.#updated = listener;
    return () => (this.#updated = null);
  }
  // What core does:
  finish(done: JobDone): void {
    this.#finished.set(done.jobId, done);
    this.#done.get(done.jobId)?.(done);
  }
  progress(p: JobProgress): void {
    this.#progress?.(p);
  }
  hostUpdated(hostId: string): void {
    this.#updated?.(hostId);
  }
  get listening(): boolean {
    return this.#updated !== null;
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('fleet store: the view', () => {
  it('shows what core kept, at once', async () => {
    const fake = new FakeFleet();
    fake.views = [{ esxi: [host('esxi-08', [vm('dc01')])], nas: [] }];
    const store = createFleetStore(fake);
    await store.getState().load();
    expect(store.getState().view?.esxi[0]?.vms[0]?.name).toBe('dc01');
    expect(store.getState().loadError).toBeNull();
  });

  it('a refresh marks each host as checked when its probe lands, not before, and never waits for the others', async () => {
    // The view is re-read on a 300 ms timer while a refresh runs: fake timers step past it exactly.
    vi.useFakeTimers();
    try {
      const fake = new FakeFleet();
      fake.views = [{ esxi: [host('a', []), host('b', [])], nas: [] }];
      const store = createFleetStore(fake);
      await store.getState().load();
      const running = store.getState().refreshHosts();
      await vi.advanceTimersByTimeAsync(0);
      const run = () => store.getState().refresh;
      expect(run()?.jobId).toBe('job-1');
      expect(isChecking(run(), 'a')).toBe(true);
      expect(isChecking(run(), 'b')).toBe(true);

      fake.hostUpdated('b');
      expect(isChecking(run(), 'b')).toBe(true); // until the view shows its new probe
      await vi.advanceTimersByTimeAsync(299);
      expect(isChecking(run(), 'b')).toBe(true);
      expect(fake.viewCalls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(isChecking(run(), 'b')).toBe(false);
      expect(isChecking(run(), 'a')).toBe(true);
      expect(fake.viewCalls).toBe(2);

      fake.progress({ jobId: 'job-1', fraction: 0.5, step: null, stepKey: 'fleet.refresh.progress', stepParams: { done: 1, total: 2 } });
      expect(store.getState().refreshProgress?.stepParams).toEqual({ done: 1, total: 2 });

      fake.finish({ jobId: 'job-1', state: 'succeeded', result: [] });
      await running;
      expect(store.getState().refresh).toBeNull();
      expect(store.getState().refreshError).toBeNull();
      expect(fake.listening).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed refresh says why; a cancelled one does not', async () => {
    const fake = new FakeFleet();
    const store = createFleetStore(fake);
    const failed = store.getState().refreshHosts(['a']);
    await tick();
    expect(fake.refreshCalls).toEqual([['a']]);
    fake.finish({ jobId: 'job-1', state: 'failed', error: { code: 'fleet.hostNotFound', message: 'x' } });
    await failed;
    expect(store.getState().refreshError?.code).toBe('fleet.hostNotFound');

    const cancelled = store.getState().refreshHosts();
    await tick();
    await store.getState().cancelRefresh();
    expect(fake.cancelled).toEqual(['job-2']);
    fake.finish({ jobId: 'job-2', state: 'cancelled', error: { code: 'job.cancelled', message: 'x' } });
    await cancelled;
    expect(store.getState().refreshError).toBeNull();
  });
});

describe('fleet store: adding a host', () => {
  const input = { host: { role: 'esxi' as const, address: '10.0.0.8', auth: 'password' as const }, password: 'pw', remember: true };

  it('closes the dialog and re-reads the fleet once the host is in', async () => {
    const fake = new FakeFleet();
    const store = createFleetStore(fake);
    store.getState().openAdd('esxi');
    await tick();
    expect(store.getState().add?.storage?.kind).toBe('memory');
    const adding = store.getState().submitAdd(input);
    await tick();
    expect(store.getState().add?.running).toBe(true);
    fake.finish({ jobId: 'job-1', state: 'succeeded' });
    expect(await adding).toBe(true);
    expect(store.getState().add).toBeNull();
    expect(fake.added).toEqual([input]);
    expect(fake.viewCalls).toBe(1);
  });

  it('keeps the dialog open with the error code when the host refused, also when the job ended before its id came back', async () => {
    const fake = new FakeFleet();
    const store = createFleetStore(fake);
    store.getState().openAdd('nas');
    fake.finish({ jobId: 'job-1', state: 'failed', error: { code: 'ssh.authFailed', message: 'no' } });
    expect(await store.getState().submitAdd(input)).toBe(false);
    expect(store.getState().add).toMatchObject({ role: 'nas', running: false, error: { code: 'ssh.authFailed' } });
    store.getState().closeAdd();
    expect(store.getState().add).toBeNull();
  });

  it('words a refused call by its code too', async () => {
    const fake = new FakeFleet();
    fake.addError = new Error('socket closed');
    const store = createFleetStore(fake);
    store.getState().openAdd('esxi');
    expect(await store.getState().submitAdd(input)).toBe(false);
    expect(store.getState().add?.error?.code).toBe('internal');
  });
});

describe('protection summary', () => {
  it('counts a VM as protected only with a recent good copy and nothing that stops tonight', () => {
    const blocked = vm('app', { blockers: [{ code: 'fleet.vm.willBeSkippedSnapshot', severity: 'error', params: {} }] });
    const noted = vm('files', { blockers: [{ code: 'fleet.vm.independentNotBackedUp', severity: 'info', params: {} }] });
    const old = vm('old', { lastGood: { folder: 'x', at: NOW - 40 * HOUR, status: 'ok', sizeBytes: 1 } });
    expect([blocked, noted, old, vm('dc')].map((v) => vmProtection(v, NOW))).toEqual(['atRisk', 'protected', 'atRisk', 'protected']);
    const view: FleetView = {
      esxi: [
        host('a', [blocked, noted], { lastRun: { logPath: 'l', startedAt: null, finalStatus: null, exitCode: 0, aborted: false, vmsOk: 2, vmsProblem: 0 } }),
        host('b', [old], { state: 'unreachable', lastRun: { logPath: 'l', startedAt: null, finalStatus: null, exitCode: 1, aborted: false, vmsOk: 1, vmsProblem: 1 } }),
      ],
      nas: [],
    };
    // b did not answer: its VM is unknown (not at risk, not protected) and its old run is not counted as current.
    expect(summarize(view, NOW)).toEqual({
      hosts: 2, reachable: 1, vms: 3, protectedVms: 1, atRiskVms: 1, unknownVms: 1, down: [{ id: 'b', name: 'b', probedAt: NOW }], runsOk: 1, runsBad: 0,
    });
    expect(vmProtection(vm('dc'), NOW, false)).toBe('unknown');
  });
});
