// Every datastore the host shows (local VMFS plus NFS mounts) with sizes as the lab accounts them, never this machine's
// free disk: a local datastore is its capacity less what its files are accounted at (thick disks at full size), an
// NFS one what the NAS reports for the share's dataset, so a full NAS looks full to ESXi too.
import { datasetOfPath, datasetSpace } from '../nas/dataset-space.ts';
import { accountedBytes } from '../nas/space.ts';
import { readNasState, type NasDataset, type NasState } from '../nas/state.ts';
import { hostPath, VOLUMES } from './paths.ts';
import { nfsAccessible } from './nfs.ts';
import type { HostState, NfsMount } from './state.ts';

export interface DatastoreView {
  name: string;
  uuid: string;
  type: string;
  url: string;
  /** Measured on first read (a walk of the datastore or of the NAS pool). */
  readonly capacity: number;
  readonly free: number;
  accessible: boolean;
  nfs: { hosts: string[]; share: string; version: 'nfs41' | 'nfs'; readOnly: boolean; security: string } | null;
}

/** What a datastore holds besides the VMs (VMFS metadata, ISOs, swap files): 7 % of its capacity. */
const VMFS_OVERHEAD = 0.07;

/** The NAS dataset behind a mount, or null when the lab cannot tell (then the datastore is inaccessible, as a dead mount). */
function nfsDataset(state: HostState, m: NfsMount): { nas: NasState; dataset: NasDataset } | null {
  if (state.nas === null) return null;
  try {
    const nas = readNasState(state.nas.statePath);
    const dataset = datasetOfPath(nas, m.share.replace(/\/+$/, ''));
    return dataset === null ? null : { nas, dataset };
  } catch {
    return null;
  }
}

/** Runs `measure` on first use only: most callers (`esxcli storage nfs list`) never show a size, and sizing walks the share. */
function lazily<T>(measure: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: measure() }).v;
}

function view(fixed: Omit<DatastoreView, 'capacity' | 'free'>, sizes: () => { capacity: number; free: number }): DatastoreView {
  return {
    ...fixed,
    get capacity() {
      return sizes().capacity;
    },
    get free() {
      return sizes().free;
    },
  };
}

export async function listDatastores(root: string, state: HostState): Promise<DatastoreView[]> {
  const out: DatastoreView[] = [];
  for (const d of state.datastores) {
    const sizes = lazily(() => {
      const used = accountedBytes(hostPath(root, `${VOLUMES}/${d.uuid}`));
      return { capacity: d.capacity, free: Math.min(Math.max(0, Math.floor(d.capacity * (1 - VMFS_OVERHEAD)) - used), d.freeAtMost ?? Number.POSITIVE_INFINITY) };
    });
    out.push(view({ name: d.name, uuid: d.uuid, type: d.type, url: `${VOLUMES}/${d.uuid}`, accessible: true, nfs: null }, sizes));
  }
  for (const m of state.nfs) {
    const found = (await nfsAccessible(state, m)) ? nfsDataset(state, m) : null;
    const sizes = lazily(() => {
      if (found === null) return { capacity: 0, free: 0 };
      const s = datasetSpace(found.nas, found.dataset);
      return { capacity: s.total, free: s.available };
    });
    const fixed = {
      name: m.volume,
      uuid: m.uuid,
      type: m.version === 'nfs41' ? 'NFS41' : 'NFS',
      url: `${VOLUMES}/${m.uuid}`,
      accessible: found !== null,
      nfs: { hosts: m.hosts, share: m.share, version: m.version, readOnly: m.readOnly, security: m.security },
    };
    out.push(view(fixed, sizes));
  }
  return out;
}

/** `[name] rel/path` or `/vmfs/volumes/<name|uuid>/rel/path` → datastore name + path inside it. */
export function splitDatastorePath(state: HostState, p: string): { datastore: string; rel: string } | null {
  const bracket = /^\[([^\]]+)\]\s*(.+)$/.exec(p);
  if (bracket) return { datastore: bracket[1]!, rel: bracket[2]! };
  const m = /^\/vmfs\/volumes\/([^/]+)\/(.+)$/.exec(p);
  if (!m) return null;
  const key = m[1]!;
  const ds = state.datastores.find((d) => d.name === key || d.uuid === key);
  const nfs = state.nfs.find((n) => n.volume === key || n.uuid === key);
  const name = ds?.name ?? nfs?.volume;
  return name ? { datastore: name, rel: m[2]! } : null;
}
