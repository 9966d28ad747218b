// Every datastore the host shows (local VMFS plus NFS mounts) with sizes as the lab accounts them, never this machine's
// free disk: a local datastore is its capacity less what its files are accounted at (thick disks at full size), an
// NFS one what the NAS reports for the share's dataset, so a full NAS looks full to ESXi too.
import { pathSpace } from '../nas/dataset-space.ts';
import { accountedBytes } from '../nas/space.ts';
import { readNasState } from '../nas/state.ts';
import { hostPath, VOLUMES } from './paths.ts';
import { nfsAccessible } from './nfs.ts';
import type { HostState, NfsMount } from './state.ts';

export interface DatastoreView {
  name: string;
  uuid: string;
  type: string;
  url: string;
  capacity: number;
  free: number;
  accessible: boolean;
  nfs: { hosts: string[]; share: string; version: 'nfs41' | 'nfs'; readOnly: boolean; security: string } | null;
}

/** What a datastore holds besides the VMs (VMFS metadata, ISOs, swap files): 7 % of its capacity. */
const VMFS_OVERHEAD = 0.07;

function nfsSizes(state: HostState, m: NfsMount): { capacity: number; free: number } | null {
  if (state.nas === null) return null;
  try {
    const space = pathSpace(readNasState(state.nas.statePath), m.share.replace(/\/+$/, ''));
    return space === null ? null : { capacity: space.total, free: space.available };
  } catch {
    return null;
  }
}

export async function listDatastores(root: string, state: HostState): Promise<DatastoreView[]> {
  const out: DatastoreView[] = [];
  for (const d of state.datastores) {
    const used = accountedBytes(hostPath(root, `${VOLUMES}/${d.uuid}`));
    out.push({
      name: d.name,
      uuid: d.uuid,
      type: d.type,
      url: `${VOLUMES}/${d.uuid}`,
      capacity: d.capacity,
      free: Math.min(Math.max(0, Math.floor(d.capacity * (1 - VMFS_OVERHEAD)) - used), d.freeAtMost ?? Number.POSITIVE_INFINITY),
      accessible: true,
      nfs: null,
    });
  }
  for (const m of state.nfs) {
    const accessible = await nfsAccessible(state, m);
    const sizes = accessible ? nfsSizes(state, m) : null;
    out.push({
      name: m.volume,
      uuid: m.uuid,
      type: m.version === 'nfs41' ? 'NFS41' : 'NFS',
      url: `${VOLUMES}/${m.uuid}`,
      capacity: sizes?.capacity ?? 0,
      free: sizes?.free ?? 0,
      accessible: accessible && sizes !== null,
      nfs: { hosts: m.hosts, share: m.share, version: m.version, readOnly: m.readOnly, security: m.security },
    });
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
