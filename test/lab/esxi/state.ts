// The host's lab state: one JSON file under /etc/vmware/lab. ghettoVCB mutates it (snapshots) while Custode probes
// it, so writers serialise on an O_EXCL lock file and replace the file atomically; readers never wait.
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostPath, LAB_DIR, STATE_FILE } from './paths.ts';
import type { PowerState, SnapshotFormat } from './spec.ts';
import type { AdaptertypeHelp } from './vmkfstools-help.ts';

export interface SnapshotNode {
  id: number;
  name: string;
  description: string;
  createdOn: number;
  state: 'powered on' | 'powered off' | 'suspended';
  /** Per disk slot (e.g. scsi0:0): the descriptor this snapshot's creation switched the VM to. */
  deltas: Record<string, string>;
  children: SnapshotNode[];
}

export interface VmRecord {
  vmid: number;
  name: string;
  datastore: string;
  /** Path of the .vmx relative to the datastore root, e.g. "web01/web01.vmx". */
  relPath: string;
  guestId: string;
  hwVersion: number;
  annotation: string;
  power: PowerState;
  tools: boolean;
  snapshotFormat: SnapshotFormat;
  snapshots: SnapshotNode[];
  currentSnapshot: number | null;
  nextSnapshotId: number;
  /** `lab fault` on this VM (absent: none). */
  faults?: VmFaults;
  /** The question a power.on is waiting on (vm-question.ts); `answer` is the chosen index once given. */
  question?: { id: string; answer: number | null };
  /** Registered with solo/registervm: its Tools start a moment after each power.on (vm-question.ts). */
  registered?: boolean;
  /** Epoch ms from which the guest's Tools run (absent: as soon as it is on). */
  toolsFrom?: number;
}

export interface VmFaults {
  /** snapshot.create fails at once ('fail') or is accepted and never completes ('hang'). */
  snapshot?: 'fail' | 'hang';
  /** The guest ignores power.shutdown (hung guest OS); power.off still works. */
  ignoresShutdown?: boolean;
  /** Redo logs the VM runs on that no snapshot owns (a removal that did not consolidate), per disk slot. */
  orphanDeltas?: Record<string, string>;
}

export interface DatastoreRecord {
  name: string;
  uuid: string;
  type: 'VMFS-5' | 'VMFS-6';
  capacity: number;
  /** `lab fault HOST datastore-full DS`: the most free space ESXi reports for it (absent: what its files leave). */
  freeAtMost?: number;
}

export interface NfsMount {
  volume: string;
  uuid: string;
  hosts: string[];
  share: string;
  version: 'nfs41' | 'nfs';
  readOnly: boolean;
  security: string;
  /** esxcli mounts survive a reboot; vim-cmd nas_create ones do not. */
  persistent: boolean;
}

export interface VibRecord {
  name: string;
  version: string;
  vendor: string;
  acceptance: string;
  installDate: string;
}

export interface HostState {
  identity: {
    hostname: string;
    domain: string;
    ip: string;
    netmask: string;
    gateway: string;
    version: string;
    build: string;
    update: number;
    patch: number;
    secureBoot: boolean;
  };
  /** Seconds added to the real clock (LAB_NOW in the environment wins): every `lab clock advance`, plus clockSkew. */
  clockOffset: number;
  /** Seconds this host's clock is off the lab's (`lab clock set`; a host without NTP); absent: 0. */
  clockSkew?: number;
  /** The host time up to which `lab clock advance` ran the host's cron lines. */
  cronUntil?: number;
  nextVmid: number;
  /** Ids of the questions VMs ask (vm-question.ts). */
  nextMessageId?: number;
  vms: VmRecord[];
  datastores: DatastoreRecord[];
  nfs: NfsMount[];
  nas: { ip: string; statePath: string } | null;
  modules: Record<string, boolean>;
  vibs: VibRecord[];
  acceptance: string;
  advanced: { execInstalledOnly: number };
  /** adaptertypeHelp: how `vmkfstools -h` shows --adaptertype; null = as the host's release does. */
  faults: { cloneDelayMs: number; adaptertypeHelp?: AdaptertypeHelp | null };
}

function statePath(root: string): string {
  return hostPath(root, STATE_FILE);
}

export function readHostState(root: string): HostState {
  return JSON.parse(readFileSync(statePath(root), 'utf8')) as HostState;
}

export function writeHostStateUnlocked(root: string, state: HostState): void {
  const file = statePath(root);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, file);
}

const STALE_LOCK_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function acquire(lock: string): void {
  for (let i = 0; ; i++) {
    try {
      closeSync(openSync(lock, 'wx'));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        // A writer killed mid-update must not wedge the host forever.
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      } catch {
        /* lock vanished between the calls: retry */
      }
      Atomics.wait(sleeper, 0, 0, Math.min(2 + i, 20));
    }
  }
}

function lockPath(root: string): string {
  return hostPath(root, `${LAB_DIR}/state.lock`);
}

/** Read-modify-write under the host lock; `fn` mutates the state in place and may return a result. */
export function updateHostState<T>(root: string, fn: (s: HostState) => T): T {
  acquire(lockPath(root));
  try {
    const state = readHostState(root);
    const result = fn(state);
    writeHostStateUnlocked(root, state);
    return result;
  } finally {
    unlinkSync(lockPath(root));
  }
}

/** Same, for updates that must ask the NAS (async lookup) before deciding. */
export async function updateHostStateAsync<T>(root: string, fn: (s: HostState) => Promise<T>): Promise<T> {
  acquire(lockPath(root));
  try {
    const state = readHostState(root);
    const result = await fn(state);
    writeHostStateUnlocked(root, state);
    return result;
  } finally {
    unlinkSync(lockPath(root));
  }
}

export function findVm(state: HostState, vmid: string | number): VmRecord | undefined {
  return state.vms.find((v) => String(v.vmid) === String(vmid));
}
