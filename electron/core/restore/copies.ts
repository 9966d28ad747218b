import { AppError } from '../../../shared/errors/app-error.ts';
import type { NfsMount } from '../../../shared/model/datastore.ts';
import type { CopyListing, RestoreCopy } from '../../../shared/model/restore.ts';
import { backupCopies, type BackupCopy, type VolumeEntry } from '../ghettovcb/layout/copies.ts';
import { runSetup } from '../backup/run-setup.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts } from '../fleet/esxi-facts.ts';
import type { FleetService, WorkContext } from '../fleet/fleet-service.ts';
import { targetFor } from '../fleet/targets.ts';
import { readUnread, unreadError } from '../fleet/unread-hosts.ts';
import { joinPath } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

const LIST_TIMEOUT_MS = 20_000;

/** The host whose backups hold the VM, and where its copies are: its VM_BACKUP_VOLUME and the NFS mount under it. */
export interface CopySource {
  hostId: string;
  host: string;
  volume: string;
  /** The NFS mount of the volume's datastore (its NAS and export), when the host's last probe read one. */
  mount: NfsMount | null;
  factsAt: number | null;
  facts: EsxiFacts;
}

/** A machine that can read the share: its id, name, and the volume's path as it sees it. */
export interface ShareReader {
  hostId: string;
  host: string;
  root: string;
}

const sameShare = (a: NfsMount, b: NfsMount): boolean => a.share.replace(/\/+$/, '') === b.share.replace(/\/+$/, '') && a.hosts.some((h) => b.hosts.includes(h));

/** The volume as another host sees it: the same NAS export mounted there under its own name. */
export function volumeOn(source: CopySource, mounts: readonly NfsMount[] | null, hostId: string): string | null {
  if (hostId === source.hostId) return source.volume;
  const split = splitVolumePath(source.volume);
  if (mounts === null || source.mount === null || split === null) return null;
  const there = mounts.find((m) => m.mounted !== false && m.accessible !== false && sameShare(m, source.mount!));
  return there ? joinPath(`/vmfs/volumes/${there.volumeName}`, ...split.rest.split('/').filter((s) => s !== '')) : null;
}

/** The ESXi hosts whose backups hold `vm`: those whose last probe listed it, or a folder for it on their volume. */
export function copySources(fleet: FleetService, vm: string, fromHostId?: string): CopySource[] {
  const sources: CopySource[] = [];
  for (const h of fleet.hosts.list()) {
    if (h.role !== 'esxi' || (fromHostId !== undefined && h.id !== fromHostId)) continue;
    const record = fleet.probes.get<EsxiFacts>(h.id, ESXI_FACTS_SCHEMA);
    const facts = record.facts;
    if (facts === null) continue;
    const volume = facts.volume?.path ?? runSetup(facts)?.volume ?? null;
    const split = volume === null ? null : splitVolumePath(volume);
    if (volume === null || split === null) continue;
    const knows = facts.vms.some((v) => v.inventory.name === vm) || (facts.volume?.entries.some((e) => e.type === 'dir' && e.path === vm) ?? false);
    if (!knows) continue;
    sources.push({ hostId: h.id, host: h.name, volume: volume.replace(/\/+$/, ''), mount: facts.mounts.find((m) => m.volumeName === split.volume) ?? null, factsAt: record.factsAt, facts });
  }
  return sources;
}

/** The ESXi hosts a search for copies looks at: the one named, or all. */
function searched(fleet: FleetService, fromHostId: string | undefined): string[] {
  return fromHostId !== undefined ? [fromHostId] : fleet.hosts.list().filter((h) => h.role === 'esxi').map((h) => h.id);
}

export function oneSource(fleet: FleetService, vm: string, fromHostId?: string): CopySource {
  const sources = copySources(fleet, vm, fromHostId);
  if (sources.length === 1) return sources[0]!;
  // Copies on a host Custode could not read are not "no copies": say which host, and why.
  if (sources.length === 0) throw unreadError(fleet, searched(fleet, fromHostId)) ?? new AppError('restore.noCopies', `No host in Custode has backups of ${vm}; check the VM's name, or refresh the fleet`, { vm });
  throw new AppError('restore.manySources', `${sources.length} hosts have backups of a VM named ${vm} (${sources.map((s) => s.host).join(', ')}); say which with --from-host`, { vm, hosts: sources.map((s) => s.host).join(', ') });
}

/** Who may read the copies, in order: the VM's host, other hosts mounting the same export, the NAS holding it. */
export function shareReaders(fleet: FleetService, source: CopySource): ShareReader[] {
  const readers: ShareReader[] = [{ hostId: source.hostId, host: source.host, root: source.volume }];
  for (const h of fleet.hosts.list()) {
    if (h.role !== 'esxi' || h.id === source.hostId) continue;
    const root = volumeOn(source, fleet.probes.get<EsxiFacts>(h.id, ESXI_FACTS_SCHEMA).facts?.mounts ?? null, h.id);
    if (root !== null) readers.push({ hostId: h.id, host: h.name, root });
  }
  const rest = splitVolumePath(source.volume)?.rest.split('/').filter((s) => s !== '') ?? [];
  if (source.mount !== null) for (const h of fleet.hosts.list()) if (h.role === 'nas') readers.push({ hostId: h.id, host: h.name, root: joinPath(source.mount.share, ...rest) });
  return readers;
}

/** A VM's folder on the share, read through one reader: the copy folders and their files. */
async function listVmFolder(ssh: SshService, reader: ShareReader, vm: string, signal: AbortSignal): Promise<VolumeEntry[]> {
  const options = { signal, timeoutMs: LIST_TIMEOUT_MS };
  const vmDir = joinPath(reader.root, vm);
  const inside = await ssh.list(reader.hostId, vmDir, options);
  const entries: VolumeEntry[] = [{ path: vm, type: 'dir', size: 0, mtimeMs: 0 }];
  const kind = (t: string): VolumeEntry['type'] => (t === 'directory' ? 'dir' : t === 'symlink' ? 'link' : 'file');
  for (const e of inside) entries.push({ path: `${vm}/${e.name}`, type: kind(e.type), size: e.size, mtimeMs: e.mtime * 1000 });
  await Promise.all(
    inside
      .filter((e) => e.type === 'directory' && e.name.startsWith(`${vm}-`))
      .map(async (copy) => {
        const files = await ssh.list(reader.hostId, joinPath(vmDir, copy.name), options);
        for (const f of files) entries.push({ path: `${vm}/${copy.name}/${f.name}`, type: kind(f.type), size: f.size, mtimeMs: f.mtime * 1000 });
      }),
  );
  return entries;
}

/** What may be missing from a copy that is not marked ok: the words the override must carry. */
function overrideNeeded(copy: BackupCopy): string | null {
  if (copy.compressed) return 'restore.override.compressed';
  if (copy.status === 'ok') return null;
  return `restore.override.${copy.status}`;
}

function takenAt(copy: BackupCopy): number {
  const m = copy.timestamp === null ? null : /^(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})$/.exec(copy.timestamp);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : copy.mtimeMs;
}

export function restoreCopies(copies: readonly BackupCopy[], root: string, now: number): RestoreCopy[] {
  return copies.map((c) => ({
    vm: c.vm,
    folder: c.name,
    path: joinPath(root, c.vm, c.name),
    takenAt: takenAt(c),
    ageMs: Math.max(0, now - takenAt(c)),
    sizeBytes: c.sizeBytes,
    status: c.status,
    statusText: c.statusText,
    compressed: c.compressed,
    overrideNeeded: overrideNeeded(c),
  }));
}

/**
 * The VM's copies, newest first, read from the share now through the first reader that answers; when none does,
 * the listing of the source host's last probe (`asOfProbe` says when). The reader is returned for the plan.
 */
export async function listCopies(deps: { fleet: FleetService; ssh: SshService; now: () => number }, vm: string, fromHostId: string | undefined, ctx: WorkContext): Promise<{ listing: CopyListing; reader: ShareReader | null; source: CopySource }> {
  const signal = ctx.signal;
  await readUnread(deps.fleet, searched(deps.fleet, fromHostId), ctx);
  const source = oneSource(deps.fleet, vm, fromHostId);
  for (const reader of shareReaders(deps.fleet, source)) {
    try {
      deps.ssh.register(targetFor(deps.fleet.hosts.get(reader.hostId)));
      const entries = await listVmFolder(deps.ssh, reader, vm, signal);
      const copies = backupCopies(entries).find((v) => v.vm === vm)?.copies ?? [];
      return { listing: { vm, sourceHost: source.host, readBy: reader.host, asOfProbe: null, copies: restoreCopies(copies, reader.root, deps.now()) }, reader, source };
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  const probed = backupCopies((source.facts.volume?.entries ?? []).filter((e) => e.path === vm || e.path.startsWith(`${vm}/`))).find((v) => v.vm === vm)?.copies ?? [];
  return { listing: { vm, sourceHost: source.host, readBy: null, asOfProbe: source.factsAt, copies: restoreCopies(probed, source.volume, deps.now()) }, reader: null, source };
}
