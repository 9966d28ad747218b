// The simulated NAS's persistent state: one JSON file in the lab's state dir (`<state>/nas/state.json`). Datasets are
// real directories under `mntDir` (seen as /mnt inside the NAS); everything else ZFS/middleware would keep is here.
// midclt (run over SSH) and lab code (faults, esxcli's export check) share it: writers serialise on an O_EXCL lock
// file and replace the file atomically, so readers never see half a file.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { NasVersion } from './versions.ts';

export interface NasShare {
  id: number;
  path: string;
  aliases: string[];
  comment: string;
  networks: string[];
  hosts: string[];
  ro: boolean;
  maproot_user: string | null;
  maproot_group: string | null;
  mapall_user: string | null;
  mapall_group: string | null;
  /** Upper case, as returned (SYS, KRB5, KRB5I, KRB5P). */
  security: string[];
  enabled: boolean;
  alldirs: boolean;
  quiet: boolean;
  expose_snapshots: boolean;
}

export interface NasDataset {
  /** pool/child/…; the pool's root dataset has the pool's name. */
  name: string;
  type: 'FILESYSTEM' | 'VOLUME';
  createdAt: number;
  comments: string;
  compression: string;
  atime: string;
  sync: string;
  recordsize: string;
  readonly: boolean;
  /** Bytes; 0 = none. */
  quota: number;
  refquota: number;
  encrypted: boolean;
  user_properties: Record<string, string>;
}

export interface NasSnapshot {
  dataset: string;
  name: string;
  createdAt: number;
  createtxg: number;
}

export interface NasSnapshotTask {
  id: number;
  dataset: string;
  recursive: boolean;
  exclude: string[];
  lifetime_value: number;
  lifetime_unit: string;
  naming_schema: string;
  allow_empty: boolean;
  enabled: boolean;
  schedule: { minute: string; hour: string; dom: string; month: string; dow: string; begin: string; end: string };
}

export interface NasCronJob {
  id: number;
  user: string;
  command: string;
  description: string;
  enabled: boolean;
  /** true hides the stream (no mail of it), as the middleware names them. */
  stdout: boolean;
  stderr: boolean;
  schedule: { minute: string; hour: string; dom: string; month: string; dow: string };
}

/** One superset of every release's nfs.config fields; versions.ts decides which are shown. */
export interface NasNfsConfig {
  servers: number | null;
  allow_nonroot: boolean;
  v3: boolean;
  v4: boolean;
  v4_v3owner: boolean;
  v4_krb: boolean;
  v4_domain: string;
  bindip: string[];
  mountd_port: number | null;
  rpcstatd_port: number | null;
  rpclockd_port: number | null;
  mountd_log: boolean;
  statd_lockd_log: boolean;
  userd_manage_gids: boolean;
  udp: boolean;
  rdma: boolean;
}

export interface NasState {
  version: NasVersion;
  hostname: string;
  /** Site identity (never contacted): what ESXi hosts pass to `esxcli storage nfs41 add -H`. */
  ip: string;
  /** Real directory seen as /mnt inside the NAS. */
  mntDir: string;
  /** The pool's usable bytes (topology); absent in state files written before the lab accounted space. */
  poolBytes?: number;
  bootTime: number;
  nfs: NasNfsConfig;
  shares: NasShare[];
  datasets: NasDataset[];
  snapshots: NasSnapshot[];
  snapshotTasks: NasSnapshotTask[];
  /** cronjob.* (absent in state files written before the lab ran NAS cron jobs). */
  cronJobs?: NasCronJob[];
  nextCronJobId?: number;
  nextShareId: number;
  nextTaskId: number;
  txg: number;
  /** Seconds the NAS's clock is ahead of the real one (`lab clock advance`); absent = 0. */
  clockOffset?: number;
  /** The NAS time up to which `lab clock advance` ran its scheduled tasks. */
  scheduledUntil?: number;
}

/** The NAS's own time, epoch seconds. */
export function nasNow(state: NasState): number {
  return Math.floor(Date.now() / 1000) + (state.clockOffset ?? 0);
}

export function defaultNfsConfig(): NasNfsConfig {
  return {
    servers: null,
    allow_nonroot: false,
    v3: true,
    v4: true,
    v4_v3owner: false,
    v4_krb: false,
    v4_domain: '',
    bindip: [],
    mountd_port: null,
    rpcstatd_port: null,
    rpclockd_port: null,
    mountd_log: false,
    statd_lockd_log: false,
    userd_manage_gids: false,
    udp: false,
    rdma: false,
  };
}

export function readNasState(path: string): NasState {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as NasState;
  } catch (err) {
    throw new AppError('lab.nasStateUnreadable', `Cannot read the NAS state ${path}`, { path, cause: String(err) });
  }
}

function writeAtomically(path: string, state: NasState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, path);
}

export function createNasState(path: string, state: NasState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, state);
}

const LOCK_STALE_MS = 10_000;

function acquire(lock: string): void {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      return;
    } catch {
      try {
        // A writer killed mid-update (host stopped) must not wedge the NAS forever.
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
      } catch {
        // lock vanished meanwhile
      }
      if (Date.now() > deadline) throw new AppError('lab.nasStateLocked', `The NAS state ${lock} stays locked`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** Read-modify-write under the lock; `change` returns its result, the state is saved only if it did not throw. */
export function updateNasState<T>(path: string, change: (state: NasState) => T): T {
  const lock = path + '.lock';
  acquire(lock);
  try {
    const state = readNasState(path);
    const result = change(state);
    writeAtomically(path, state);
    return result;
  } finally {
    unlinkSync(lock);
  }
}

/** Real directory behind a NAS path such as /mnt/UniventionBackup/…, or null outside /mnt. */
export function realPath(state: NasState, nasPath: string): string | null {
  if (nasPath !== '/mnt' && !nasPath.startsWith('/mnt/')) return null;
  return state.mntDir + nasPath.slice('/mnt'.length);
}
