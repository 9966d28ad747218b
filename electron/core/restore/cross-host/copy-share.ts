import type { NfsMount, NfsVersion } from '../../../../shared/model/datastore.ts';
import { sameIp } from '../../nas/address-match.ts';

/**
 * Where a copy lives as the host that made it saw it: its NFS datastore's server and share (`esxcli storage nfs
 * list`'s Host and Share) and the copy's folder below that share.
 */
export interface CopyShare {
  server: string;
  share: string;
  /** The copy's folder relative to the share's root ('' for the root). */
  folder: string;
  version: NfsVersion;
}

const normalise = (path: string): string => path.replace(/\/+$/, '') || '/';

function sameServer(mount: NfsMount, servers: readonly string[]): boolean {
  return mount.hosts.some((h) => servers.some((s) => s.toLowerCase() === h.toLowerCase() || sameIp(s, h)));
}

export interface ReadableDatastore {
  datastore: string;
  /** The copy's folder relative to that datastore's root. */
  folder: string;
}

/**
 * The datastore of a host through which it already reads the copy: an NFS mount of the same NAS (by any of its
 * addresses) whose share is the copy's share or a folder above it, mounted and accessible. The closest share wins.
 */
export function findReadableDatastore(mounts: readonly NfsMount[], copy: CopyShare, nasAddresses: readonly string[]): ReadableDatastore | null {
  const servers = [copy.server, ...nasAddresses];
  const wanted = normalise(`${normalise(copy.share)}/${copy.folder}`);
  let best: { mount: NfsMount; root: string } | null = null;
  for (const mount of mounts) {
    if (mount.accessible === false || mount.mounted === false || !sameServer(mount, servers)) continue;
    const root = normalise(mount.share);
    const inside = wanted === root || wanted.startsWith(root === '/' ? '/' : `${root}/`);
    if (inside && (best === null || root.length > best.root.length)) best = { mount, root };
  }
  if (best === null) return null;
  const folder = wanted === best.root ? '' : wanted.slice(best.root === '/' ? 1 : best.root.length + 1);
  return { datastore: best.mount.volumeName, folder };
}
