import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { finding, type Finding } from '../../../shared/model/finding.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { linkHostToNas, type LinkReport } from '../esxi/nfs-link.ts';
import { isIp, sameIp } from '../nas/address-match.ts';
import { datasetForPath } from '../nas/dataset-checks.ts';
import { dialectOf } from '../nas/release.ts';
import { findShare } from '../nas/share-checks.ts';
import type { EsxiFacts } from './esxi-facts.ts';
import type { NasFacts } from './nas-probe.ts';

/**
 * Adoption: host ↔ NFS datastore ↔ NAS share ↔ backup volume. The NAS of a host is the one its NFS mounts name
 * (by the address Custode uses for it or the hostname it reports); a host often mounts through another address
 * (a storage network), so failing that, the NAS that exports the very path the backup datastore mounts is taken,
 * and the view says so. The link checks themselves are electron/core/esxi/nfs-link.ts.
 */
export interface KnownNas {
  entry: HostEntry;
  facts: NasFacts;
}

export interface Adoption {
  nas: KnownNas | null;
  report: LinkReport | null;
  findings: Finding[];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase() || sameIp(a, b);

function nasAddresses(nas: KnownNas): string[] {
  return [nas.entry.address, ...(nas.facts.system ? [nas.facts.system.hostname] : [])];
}

export function hostIdentity(host: HostEntry, facts: EsxiFacts): { ips: string[]; names: string[] } {
  const ips = facts.interfaces.map((i) => i.address).filter((a) => a !== '');
  if (isIp(host.address) && !ips.some((ip) => sameIp(ip, host.address))) ips.push(host.address);
  const names = facts.names ? [facts.names.hostName, facts.names.fqdn].filter((n) => n !== '') : [];
  return { ips, names };
}

function backupDatastore(facts: EsxiFacts, backupVolume: string | null): string | null {
  const split = backupVolume === null ? null : splitVolumePath(backupVolume);
  if (split === null) return null;
  const fs = facts.filesystems.find((f) => f.uuid === split.volume || f.volumeName === split.volume);
  return fs?.volumeName ?? split.volume;
}

export function adopt(host: HostEntry, facts: EsxiFacts, backupVolume: string | null, known: readonly KnownNas[]): Adoption {
  const usable = known.filter((n) => n.facts.shares !== null);
  const byAddress = usable.find((n) => facts.mounts.some((m) => m.hosts.some((h) => nasAddresses(n).some((a) => same(a, h)))));
  const datastore = backupDatastore(facts, backupVolume);
  const targetMount = facts.mounts.find((m) => m.volumeName === datastore) ?? null;
  const byPath = byAddress ?? (targetMount === null ? undefined : usable.find((n) => findShare(n.facts.shares!, targetMount.share) !== null));
  const findings: Finding[] = [];
  if (byPath === undefined) {
    if (targetMount !== null) findings.push(finding('fleet.link.nasNotAdded', 'info', { datastore: targetMount.volumeName, server: targetMount.hosts.join(', '), share: targetMount.share }));
    return { nas: null, report: null, findings };
  }
  const addresses = nasAddresses(byPath);
  if (byAddress === undefined && targetMount !== null) {
    addresses.push(...targetMount.hosts);
    findings.push(finding('fleet.link.matchedByPath', 'info', { datastore: targetMount.volumeName, server: targetMount.hosts.join(', '), nas: byPath.entry.name }));
  }
  const identity = hostIdentity(host, facts);
  const report = linkHostToNas({
    hostIps: identity.ips,
    hostNames: identity.names,
    mounts: facts.mounts,
    filesystems: facts.filesystems,
    backupVolume,
    nas: {
      addresses,
      shares: byPath.facts.shares!,
      nfs: byPath.facts.nfs,
      dialect: byPath.facts.system ? dialectOf(byPath.facts.system.release) : { rootGroup: 'root' },
    },
  });
  return { nas: byPath, report, findings: [...findings, ...report.findings] };
}

/** What tonight's run will find on its backup volume: mounted, writable, and how much room is left. */
export interface BackupShare {
  datastore: string | null;
  mounted: boolean | null;
  readOnly: boolean;
  freeBytes: number | null;
}

export function backupShare(facts: EsxiFacts, backupVolume: string | null, adoption: Adoption): BackupShare {
  const datastore = backupDatastore(facts, backupVolume);
  if (datastore === null) return { datastore, mounted: null, readOnly: false, freeBytes: null };
  const mount = facts.mounts.find((m) => m.volumeName === datastore);
  const fs = facts.filesystems.find((f) => f.volumeName === datastore);
  const mounted = mount ? mount.mounted !== false && mount.accessible !== false : fs ? fs.mounted !== false : false;
  const link = adoption.report?.backupTarget?.link ?? null;
  const readOnly = mount?.readOnly === true || link?.share?.readOnly === true;
  const frees: number[] = [];
  if (fs?.free != null) frees.push(fs.free);
  if (link?.sharePath && adoption.nas) {
    const dataset = datasetForPath(adoption.nas.facts.datasets, link.sharePath);
    if (dataset?.availableBytes != null) frees.push(dataset.availableBytes);
  }
  return { datastore, mounted, readOnly, freeBytes: frees.length > 0 ? Math.min(...frees) : null };
}
