// Every datastore the host shows (local VMFS plus NFS mounts) with sizes. NFS sizes come from the filesystem that
// really backs the share, so a full NAS looks full to ESXi too.
import { statfsSync } from 'node:fs';
import { hostPath, VOLUMES } from './paths.ts';
import { nfsAccessible } from './nfs.ts';
import type { HostState } from './state.ts';

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

function fsSizes(path: string): { capacity: number; free: number } | null {
  try {
    const s = statfsSync(path);
    return { capacity: s.blocks * s.bsize, free: s.bavail * s.bsize };
  } catch {
    return null;
  }
}

export async function listDatastores(root: string, state: HostState): Promise<DatastoreView[]> {
  const out: DatastoreView[] = [];
  for (const d of state.datastores) {
    const real = fsSizes(hostPath(root, `${VOLUMES}/${d.uuid}`));
    out.push({
      name: d.name,
      uuid: d.uuid,
      type: d.type,
      url: `${VOLUMES}/${d.uuid}`,
      capacity: d.capacity,
      free: Math.min(Math.floor(d.capacity * 0.93), real?.free ?? d.capacity),
      accessible: true,
      nfs: null,
    });
  }
  for (const m of state.nfs) {
    const accessible = await nfsAccessible(state, m);
    const sizes = accessible ? fsSizes(hostPath(root, `${VOLUMES}/${m.uuid}`)) : null;
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
