import { AppError } from '../../../shared/errors/app-error.ts';
import type { NfsMount } from '../../../shared/model/datastore.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { adopt, hostIdentity } from '../fleet/adoption.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import { joinPath } from '../shell/command.ts';
import type { CopySource } from './copies.ts';
import { volumeOn } from './copies.ts';
import type { AccessDeps } from './cross-host/access-deps.ts';
import { readAccessFacts } from './cross-host/access-facts.ts';
import { planShareAccess } from './cross-host/access-plan.ts';
import type { TemporaryAccess } from './cross-host/open-access.ts';

/**
 * How the target host reads the copies: `root` is the source's backup volume as the target sees it, through a
 * datastore it mounts already or through a temporary access to open for the restore (`temporary`); when neither,
 * root is null and `error` says why no access could be planned (null: no NAS known to plan one with).
 */
export type CopyAccess = { root: string; temporary: TemporaryAccess | null } | { root: null; temporary: null; error: AppError | null };

const datastoreRoot = (datastore: string, folder: string): string => joinPath(`/vmfs/volumes/${datastore}`, ...folder.split('/').filter((s) => s !== ''));

/**
 * Reads (changing nothing) whether the target mounts the share holding the copies, and if not, plans the temporary
 * read-only access of issue 16: the NAS export widened to the target's address and a read-only datastore under a
 * free name, both undone when the restore ends (see cross-host/).
 */
export async function copyAccessFor(
  deps: { fleet: FleetService; access: AccessDeps | undefined },
  source: CopySource,
  target: HostEntry,
  targetFacts: EsxiFacts | null,
  mounts: readonly NfsMount[] | null,
  id: string,
  signal: AbortSignal,
): Promise<CopyAccess> {
  const root = volumeOn(source, mounts, target.id);
  if (root !== null) return { root, temporary: null };
  const mount = source.mount;
  const split = splitVolumePath(source.volume);
  // The NAS holding the share, matched as the fleet links the source host to its NAS (by address, else by the share).
  const nas = adopt(deps.fleet.hosts.get(source.hostId), source.facts, source.volume, deps.fleet.knownNas()).nas?.entry;
  if (deps.access === undefined || mount === null || split === null || nas === undefined || targetFacts === null) return { root: null, temporary: null, error: null };
  const copy = { server: mount.hosts[0]!, share: mount.share, folder: split.rest.replace(/^\/+|\/+$/g, ''), version: mount.version };
  try {
    const identity = hostIdentity(target, targetFacts);
    const facts = await readAccessFacts(deps.access, copy, { id: target.id, name: target.name, address: target.address, ...identity }, { id: nas.id, name: nas.name, address: nas.address, addresses: [nas.address, ...mount.hosts] }, signal);
    const access = planShareAccess(copy, facts, id);
    return { root: datastoreRoot(access.datastore, access.folder), temporary: access.kind === 'temporary' ? access : null };
  } catch (error) {
    if (signal.aborted || !(error instanceof AppError)) throw error;
    return { root: null, temporary: null, error };
  }
}
