import { AppError } from '../../../../shared/errors/app-error.ts';
import type { NfsMount } from '../../../../shared/model/datastore.ts';
import type { NfsShare } from '../../../../shared/model/nas.ts';
import type { PlanStep, StepTarget } from '../../../../shared/model/operation.ts';
import { exportAllows } from '../../nas/address-match.ts';
import { findShare } from '../../nas/share-checks.ts';
import { check, hostTarget, shellAction, step, undoStep, words } from '../../operations/plan-steps.ts';
import { findReadableDatastore, type CopyShare } from './copy-share.ts';
import { exportUnchangedCommand, exportUpdateHostsCommand, type ExportRecord } from './export-record.ts';
import { mountAddCommand, mountRemoveCommand, temporaryDatastoreName, volumeAbsentCommand, volumePresentCommand, type TemporaryMount } from './temporary-mount.ts';

type Machine = { id: string; name: string; address: string };
export type HostStepTarget = Extract<StepTarget, { kind: 'host' }>;

/** What Custode read just now about the target host and the NAS (see readAccessFacts). */
export interface AccessFacts {
  host: Machine & { ips: readonly string[]; names?: readonly string[]; mounts: readonly NfsMount[]; datastoreNames: readonly string[] };
  nas: Machine & { addresses: readonly string[]; shares: readonly NfsShare[]; record: ExportRecord | null };
}

/** The NAS export widened for the restore: the record as it was, and the hosts list while widened. */
export interface ExportChange {
  original: ExportRecord;
  widenedHosts: string[];
}

export type ShareAccess =
  | { kind: 'mounted'; datastore: string; folder: string }
  | {
      kind: 'temporary';
      /** The access's id: the journal's key, and the token in the temporary datastore's name. */
      id: string;
      datastore: string;
      folder: string;
      host: HostStepTarget;
      nas: HostStepTarget;
      mount: TemporaryMount;
      /** null when the export already lets the host in and only the mount is missing. */
      change: ExportChange | null;
      /** Planned steps with their undo (the close), to show in the restore's review and run through the runner. */
      steps: PlanStep[];
    };

/** The share and path the copy's share falls under on the NAS. */
function exportOf(facts: AccessFacts, copy: CopyShare): { share: NfsShare; path: string; subPath: string } {
  const match = findShare(facts.nas.shares, copy.share);
  if (match === null) throw new AppError('restore.access.shareNotExported', `No NFS share of ${facts.nas.name} exports ${copy.share}`, { nas: facts.nas.name, share: copy.share });
  if (!match.share.enabled) throw new AppError('restore.access.shareDisabled', `The NFS share ${match.path} of ${facts.nas.name} is disabled`, { nas: facts.nas.name, share: match.path });
  return match;
}

/**
 * How host B reads a copy made by host A. When one of B's NFS datastores already shows the copy's share, that
 * datastore is used and nothing changes. Otherwise a temporary access is planned: the share's export widened to B's
 * address (only `hosts` changes, and only if the export does not already let B in), then a read-only datastore
 * under a name no datastore of B has. Each step's undo is the close; the export's step is refused on the NAS when its
 * record is no longer the one read here.
 */
export function planShareAccess(copy: CopyShare, facts: AccessFacts, id: string): ShareAccess {
  const found = findReadableDatastore(facts.host.mounts, copy, facts.nas.addresses);
  if (found !== null) return { kind: 'mounted', ...found };
  const match = exportOf(facts, copy);
  const address = facts.host.ips[0];
  if (address === undefined) throw new AppError('restore.access.hostAddressUnknown', `The address of ${facts.host.name} towards the NAS is not known`, { host: facts.host.name });
  const host = hostTarget(facts.host) as HostStepTarget;
  const nas = hostTarget(facts.nas) as HostStepTarget;
  const volume = temporaryDatastoreName([...facts.host.datastoreNames, ...facts.host.mounts.map((m) => m.volumeName)], id);
  // Mounted at the export's root, like A's datastore, so paths inside are the ones the copy's logs name.
  const mount: TemporaryMount = { volume, server: copy.server, share: match.path, version: copy.version };
  const folder = [match.subPath, copy.folder].filter((p) => p !== '').join('/');
  const steps: PlanStep[] = [];
  let change: ExportChange | null = null;
  if (exportAllows(match.share, { ips: facts.host.ips, names: facts.host.names ?? [] }).result !== 'allowed') {
    const original = facts.nas.record;
    if (original === null || original.id !== match.share.id) throw new AppError('restore.access.exportUnreadable', `The record of NFS share ${match.share.id} was not read`, { shareId: match.share.id });
    const hosts = Array.isArray(original.fields.hosts) ? (original.fields.hosts as string[]) : [];
    change = { original, widenedHosts: [...hosts, address] };
    const params = { share: match.path, nas: facts.nas.name, host: facts.host.name, address, hosts: hosts.join(', ') || '—' };
    steps.push(
      step({
        id: 'export-widen',
        target: nas,
        words: words('restore.access.step.widen', params),
        actions: [shellAction(exportUpdateHostsCommand(original.id, change.widenedHosts))],
        checks: [check('restore.access.check.exportUnchanged', params, shellAction(exportUnchangedCommand(original)))],
        undo: [undoStep({ id: 'export-restore', target: nas, words: words('restore.access.step.restore', params), actions: [shellAction(exportUpdateHostsCommand(original.id, hosts))] })],
      }),
    );
  }
  const mountParams = { volume, host: facts.host.name, server: copy.server, share: match.path };
  steps.push(
    step({
      id: 'mount',
      target: host,
      words: words('restore.access.step.mount', mountParams),
      actions: [shellAction(mountAddCommand(mount))],
      checks: [check('restore.access.check.volumeFree', mountParams, shellAction(volumeAbsentCommand(volume)))],
      effect: check('restore.access.check.mounted', mountParams, shellAction(volumePresentCommand(volume))),
      undo: [undoStep({ id: 'unmount', target: host, words: words('restore.access.step.unmount', mountParams), actions: [shellAction(mountRemoveCommand(mount))] })],
    }),
  );
  return { kind: 'temporary', id, datastore: volume, folder, host, nas, mount, change, steps };
}
