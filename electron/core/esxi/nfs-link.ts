import type { Filesystem, NfsMount } from '../../../shared/model/datastore.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import type { NfsServiceConfig, NfsShare } from '../../../shared/model/nas.ts';
import { exportAllows, sameIp, type ExportAccess } from '../nas/address-match.ts';
import type { NasDialect } from '../nas/release.ts';
import { findShare, rootSquash, securityCompatible } from '../nas/share-checks.ts';
import { splitVolumePath } from './datastore-path.ts';

/**
 * Host ↔ NFS datastore ↔ NAS share ↔ backup volume. Every NFS mount of the host that points at the NAS is matched
 * to the share exporting it; the conf's VM_BACKUP_VOLUME is resolved to its datastore (by name or by UUID). What
 * deviates from a working PUSH setup (product brief) becomes a finding whose text says what to do. The site's
 * datastore convention is `VM_backup_<host ip>`.
 */
export interface LinkInput {
  /** The host's identity towards the NAS: its vmkernel IPs (and the address Custode uses). */
  hostIps: readonly string[];
  hostNames?: readonly string[];
  mounts: readonly NfsMount[];
  filesystems?: readonly Filesystem[];
  /** VM_BACKUP_VOLUME from ghettoVCB.conf; undefined when the conf is not known. */
  backupVolume?: string | null;
  nas: {
    /** IPs and names the NAS is reached by (ESXi's Host(s) column uses one of them). */
    addresses: readonly string[];
    shares: readonly NfsShare[];
    nfs: NfsServiceConfig | null;
    dialect: Pick<NasDialect, 'rootGroup'>;
  };
}

export interface NfsLink {
  mount: NfsMount;
  share: NfsShare | null;
  /** The exported path the mount falls under, and what was mounted below it. */
  sharePath: string | null;
  subPath: string;
  access: ExportAccess | null;
  isBackupTarget: boolean;
}

export interface BackupTarget {
  volume: string;
  datastore: string | null;
  /** The folder inside the datastore ('' for its root). */
  folder: string;
  link: NfsLink | null;
}

export interface LinkReport {
  links: NfsLink[];
  backupTarget: BackupTarget | null;
  findings: Finding[];
}

export const datastoreNameFor = (ip: string): string => `VM_backup_${ip}`;

function pointsAtNas(mount: NfsMount, addresses: readonly string[]): boolean {
  return mount.hosts.some((h) => addresses.some((a) => a.toLowerCase() === h.toLowerCase() || sameIp(a, h)));
}

function resolveBackupTarget(input: LinkInput, findings: Finding[]): { volume: string; datastore: string | null; folder: string } | null {
  const volume = input.backupVolume;
  if (volume === undefined) return null;
  if (volume === null || volume.trim() === '') {
    findings.push(finding('esxi.link.backupVolumeUnset', 'error'));
    return null;
  }
  const split = splitVolumePath(volume);
  if (split === null) {
    findings.push(finding('esxi.link.backupVolumeNotOnDatastore', 'error', { volume }));
    return { volume, datastore: null, folder: '' };
  }
  const byName = input.mounts.find((m) => m.volumeName === split.volume);
  if (byName) return { volume, datastore: byName.volumeName, folder: split.rest };
  const fs = input.filesystems?.find((f) => f.uuid === split.volume || f.volumeName === split.volume);
  if (fs !== undefined && input.mounts.some((m) => m.volumeName === fs.volumeName)) return { volume, datastore: fs.volumeName, folder: split.rest };
  if (fs !== undefined) {
    findings.push(finding('esxi.link.backupVolumeNotNfs', 'error', { volume, datastore: fs.volumeName, type: fs.type }));
    return { volume, datastore: fs.volumeName, folder: split.rest };
  }
  findings.push(finding('esxi.link.backupVolumeDatastoreMissing', 'error', { volume, datastore: split.volume }));
  return { volume, datastore: split.volume, folder: split.rest };
}

function checkLink(link: NfsLink, input: LinkInput, out: Finding[]): void {
  const { mount, share } = link;
  const ds = mount.volumeName;
  const target = link.isBackupTarget;
  const severe = target ? 'error' : 'warning';
  if (mount.accessible === false || mount.mounted === false) out.push(finding('esxi.link.mountInaccessible', severe, { datastore: ds, server: mount.hosts.join(','), share: mount.share }));
  if (target && mount.readOnly === true) out.push(finding('esxi.link.mountReadOnly', 'error', { datastore: ds }));
  if (mount.version === 'nfs3') out.push(finding('esxi.link.mountNfs3', 'warning', { datastore: ds }));
  if (share === null) {
    out.push(finding('esxi.link.shareNotExported', severe, { datastore: ds, share: mount.share }));
    return;
  }
  const sharePath = link.sharePath!;
  if (!share.enabled) out.push(finding('esxi.link.shareDisabled', severe, { datastore: ds, share: sharePath }));
  if (link.access?.result === 'denied') {
    out.push(finding('esxi.link.shareDeniesHost', severe, { datastore: ds, share: sharePath, ips: input.hostIps.join(', ') }));
  } else if (link.access?.result === 'unknown') {
    out.push(finding('esxi.link.shareAccessUnverified', 'info', { datastore: ds, share: sharePath, entries: link.access.unresolved.join(', ') }));
  }
  if (target && share.readOnly) out.push(finding('esxi.link.shareReadOnly', 'error', { datastore: ds, share: sharePath }));
  const squash = rootSquash(share, input.nas.dialect);
  if (squash.squashed) out.push(finding('esxi.link.rootSquashed', severe, { datastore: ds, share: sharePath, reason: squash.reason ?? '', rootGroup: input.nas.dialect.rootGroup }));
  if (!securityCompatible(share, mount.security, input.nas.nfs)) {
    out.push(finding('esxi.link.securityMismatch', severe, { datastore: ds, share: sharePath, esxi: mount.security ?? 'AUTH_SYS', nas: share.security.join(',') }));
  }
  const nfs = input.nas.nfs;
  if (nfs !== null && mount.version === 'nfs41' && !nfs.v4Enabled) out.push(finding('esxi.link.nasNfs4Disabled', severe, { datastore: ds }));
  if (nfs !== null && mount.version === 'nfs3' && !nfs.v3Enabled) out.push(finding('esxi.link.nasNfs3Disabled', severe, { datastore: ds }));
  if (link.subPath !== '') out.push(finding('esxi.link.subfolderMounted', 'info', { datastore: ds, share: sharePath, folder: link.subPath }));
}

export function linkHostToNas(input: LinkInput): LinkReport {
  const findings: Finding[] = [];
  const target = resolveBackupTarget(input, findings);
  const client = { ips: input.hostIps, names: input.hostNames ?? [] };
  const links: NfsLink[] = [];
  for (const mount of input.mounts) {
    const isBackupTarget = target?.datastore === mount.volumeName;
    if (!pointsAtNas(mount, input.nas.addresses)) {
      if (isBackupTarget) findings.push(finding('esxi.link.backupOnOtherServer', 'warning', { datastore: mount.volumeName, server: mount.hosts.join(',') }));
      continue;
    }
    const match = findShare(input.nas.shares, mount.share);
    const link: NfsLink = {
      mount,
      share: match?.share ?? null,
      sharePath: match?.path ?? null,
      subPath: match?.subPath ?? '',
      access: match ? exportAllows(match.share, client) : null,
      isBackupTarget,
    };
    links.push(link);
    checkLink(link, input, findings);
  }
  const named = target?.datastore ? links.filter((l) => l.isBackupTarget) : links;
  for (const l of named) {
    const expected = input.hostIps.map(datastoreNameFor);
    if (expected.length > 0 && !expected.includes(l.mount.volumeName)) {
      findings.push(finding('esxi.link.datastoreNameConvention', 'info', { datastore: l.mount.volumeName, expected: expected[0]! }));
    }
  }
  const backupTarget: BackupTarget | null = target === null ? null : { ...target, link: links.find((l) => l.isBackupTarget) ?? null };
  return { links, backupTarget, findings };
}
