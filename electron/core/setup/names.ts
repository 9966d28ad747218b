import { joinPath } from '../shell/command.ts';

/** The site's names for one host's backup place (product.md): dataset `ESXI_<ip>`, datastore `VM_backup_<ip>`. */
export const datasetName = (parent: string, ip: string): string => `${parent}/ESXI_${ip}`;
export const sharePathOf = (dataset: string): string => `/mnt/${dataset}`;
export const volumeNameOf = (ip: string): string => `VM_backup_${ip}`;
export const volumePathOf = (ip: string): string => joinPath('/vmfs/volumes', volumeNameOf(ip));

/** Where Custode installs ghettoVCB when the host has none: its own folder on a local datastore. */
export const installDirOf = (datastore: string): string => joinPath('/vmfs/volumes', datastore, 'ghettoVCB');

/** The NAS-driven schedule's files on the NAS (root's home) and its cron job's description, by host address. */
export const nasKeyPath = (ip: string): string => `/root/.ssh/custode-esxi-${ip}`;
export const nasKnownHostsPath = (ip: string): string => `/root/.ssh/custode-esxi-${ip}.known_hosts`;
export const nasJobDescription = (ip: string): string => `Custode: ghettoVCB on ESXi ${ip}`;
export const keyComment = (ip: string): string => `custode-nas-schedule-${ip}`;

/**
 * `20261207-043015-123`, for the dated copy of a file Custode replaces (UTC, like the host's clock). To the
 * millisecond: a plan made in the same second as the change before it (a setup, then its removal) would otherwise
 * name the copy that change just made, and its step would be refused because that path exists.
 */
export function stamp(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${iso.slice(20, 23)}`;
}

export const datedCopy = (path: string, now: number): string => `${path}.custode-${stamp(now)}`;
