import type { StepTarget } from '../../../../shared/model/operation.ts';
import { filesystemListCommand, parseFilesystems } from '../../esxi/filesystems.ts';
import { nfs3ListCommand, nfs41ListCommand, parseNfs3List, parseNfs41List } from '../../esxi/nfs-mounts.ts';
import { hostTarget } from '../../operations/plan-steps.ts';
import { nfsSharesCommand, parseNfsShares } from '../../nas/nfs-shares.ts';
import { findShare } from '../../nas/share-checks.ts';
import { readOn, type AccessDeps } from './access-deps.ts';
import type { AccessFacts } from './access-plan.ts';
import type { CopyShare } from './copy-share.ts';
import { exportRecordCommand, parseExportRecord } from './export-record.ts';

type Machine = { id: string; name: string; address: string };

/**
 * Reads, right before planning, what planShareAccess decides from: the target host's NFS datastores and every
 * datastore name it has, the NAS's shares and the full record of the one holding the copy. Nothing is changed.
 */
export async function readAccessFacts(
  deps: Pick<AccessDeps, 'executor'>,
  copy: CopyShare,
  host: Machine & { ips: readonly string[]; names?: readonly string[] },
  nas: Machine & { addresses: readonly string[] },
  signal: AbortSignal,
): Promise<AccessFacts> {
  const h: StepTarget = hostTarget(host);
  const n: StepTarget = hostTarget(nas);
  const mounts = [...parseNfs41List(await readOn(deps, h, nfs41ListCommand(), signal)), ...parseNfs3List(await readOn(deps, h, nfs3ListCommand(), signal))];
  const filesystems = parseFilesystems(await readOn(deps, h, filesystemListCommand(), signal));
  const shares = parseNfsShares(await readOn(deps, n, nfsSharesCommand(), signal));
  const match = findShare(shares, copy.share);
  const record = match === null ? null : parseExportRecord(match.share.id, await readOn(deps, n, exportRecordCommand(match.share.id), signal));
  return {
    host: { ...host, mounts, datastoreNames: filesystems.map((f) => f.volumeName) },
    nas: { ...nas, shares, record },
  };
}
