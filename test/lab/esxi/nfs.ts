// NFS datastores. A mount makes /vmfs/volumes/<uuid> the NAS's own directory for the export (a symlink), plus the
// <volume> name link. Root squash (maproot not root) or a read-only export turns root's writes into EROFS: inside
// the host namespace by a read-only bind mount on the uuid directory (re-applied at boot by applyNfsMounts).
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { hostPath, isLiveRoot, mountTool, VOLUMES } from './paths.ts';
import { lookupExport } from './nas-link.ts';
import type { HostState, NfsMount } from './state.ts';

export const SYSINFO_PREFIX = 'Unable to complete Sysinfo operation.  Please see the VMkernel log file for more details.: Sysinfo error: ';
export const DENIED = `${SYSINFO_PREFIX}The NFS server denied the mount requestSee VMkernel log for details.`;
export const UNREACHABLE = `${SYSINFO_PREFIX}Unable to connect to NFS serverSee VMkernel log for details.`;
export const NO_V41 = `${SYSINFO_PREFIX}The NFS server does not support NFS version 4.1See VMkernel log for details.`;

export function nfsUuid(hosts: string[], share: string): string {
  const h = createHash('sha1').update(`${hosts.join(',')}:${share}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}`;
}

export type MountRequest = Omit<NfsMount, 'uuid'>;

export type MountResult = { ok: true; mount: NfsMount } | { ok: false; message: string };

function volumeTaken(state: HostState, name: string): boolean {
  return state.datastores.some((d) => d.name === name) || state.nfs.some((n) => n.volume === name);
}

/** Validates against the NAS and records the mount in `state` (caller holds the lock); the links are made here too. */
export async function mountNfs(root: string, state: HostState, req: MountRequest): Promise<MountResult> {
  const same = state.nfs.find((n) => n.share === req.share && n.hosts.join(',') === req.hosts.join(','));
  if (same) return { ok: false, message: `Unable to create new NAS volume.  ${req.hosts.join(',')}:${req.share} is already exported by a volume with the name ${same.volume}` };
  if (volumeTaken(state, req.volume)) return { ok: false, message: `A specified parameter was not correct: Volume name ${req.volume} already exists` };
  const nas = state.nas;
  if (!nas || !req.hosts.includes(nas.ip)) return { ok: false, message: UNREACHABLE };
  const exp = await lookupExport(nas.statePath, req.share, state.identity.ip);
  if (!exp.found || !exp.allowed) return { ok: false, message: DENIED };
  if (req.version === 'nfs41' && !exp.nfsV4) return { ok: false, message: NO_V41 };
  const mount: NfsMount = {
    volume: req.volume,
    uuid: nfsUuid(req.hosts, req.share),
    hosts: req.hosts,
    share: req.share,
    version: req.version,
    readOnly: req.readOnly,
    security: req.security,
    persistent: req.persistent,
  };
  state.nfs.push(mount);
  link(root, mount, exp.dir, req.readOnly || exp.readOnly || !exp.maprootRoot);
  return { ok: true, mount };
}

function link(root: string, m: NfsMount, dir: string, writeProtected: boolean): void {
  const uuidPath = hostPath(root, `${VOLUMES}/${m.uuid}`);
  if (writeProtected) {
    // A directory, never removed once there: in a running host it carries the read-only bind, and removing a
    // mount point from another namespace would silently detach it there.
    if (isSymlink(uuidPath)) unlinkSync(uuidPath);
    mkdirSync(uuidPath, { recursive: true });
    if (isLiveRoot(root) && !isMountPoint(root, uuidPath)) bindReadOnly(root, dir, uuidPath);
  } else {
    if (!(isSymlink(uuidPath) && readlinkSync(uuidPath) === dir)) {
      clearPath(root, uuidPath);
      symlinkSync(dir, uuidPath);
    }
  }
  const namePath = hostPath(root, `${VOLUMES}/${m.volume}`);
  if (!(isSymlink(namePath) && readlinkSync(namePath) === m.uuid)) {
    clearPath(root, namePath);
    symlinkSync(m.uuid, namePath);
  }
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function clearPath(root: string, p: string): void {
  try {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      if (isMountPoint(root, p)) mountTool(root, '/usr/bin/umount', ['-l'], [p]);
      rmSync(p, { recursive: true, force: true });
    } else unlinkSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function isMountPoint(root: string, p: string): boolean {
  try {
    mountTool(root, '/usr/bin/mountpoint', ['-q'], [p]);
    return true;
  } catch {
    return false;
  }
}

function bindReadOnly(root: string, src: string, dst: string): void {
  mountTool(root, '/usr/bin/mount', ['--bind', src], [dst]);
  mountTool(root, '/usr/bin/mount', ['-o', 'remount,bind,ro'], [dst]);
}

export function unmountNfs(root: string, state: HostState, volume: string): boolean {
  const i = state.nfs.findIndex((n) => n.volume === volume);
  if (i < 0) return false;
  const m = state.nfs[i]!;
  state.nfs.splice(i, 1);
  clearPath(root, hostPath(root, `${VOLUMES}/${m.volume}`));
  clearPath(root, hostPath(root, `${VOLUMES}/${m.uuid}`));
  return true;
}

/** Live view: is the export still there and still granted to this host? */
export async function nfsAccessible(state: HostState, m: NfsMount): Promise<boolean> {
  if (!state.nas || !m.hosts.includes(state.nas.ip)) return false;
  const exp = await lookupExport(state.nas.statePath, m.share, state.identity.ip);
  return exp.found && exp.allowed && (m.version !== 'nfs41' || exp.nfsV4);
}

/** Boot: recreate every mount's links (read-only binds need the host namespace, so run this inside it). */
export async function applyNfsMounts(root: string, state: HostState): Promise<void> {
  for (const m of state.nfs) {
    if (!state.nas) continue;
    const exp = await lookupExport(state.nas.statePath, m.share, state.identity.ip);
    if (!exp.found) continue;
    link(root, m, exp.dir, m.readOnly || exp.readOnly || !exp.maprootRoot);
  }
}
