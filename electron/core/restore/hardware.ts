import type { HostVersion } from '../../../shared/model/host.ts';

/**
 * The newest virtual hardware version each ESXi release runs (VMware KB 2007240, "ESXi/ESX hosts and compatible
 * virtual machine hardware versions"): a VM made on a newer host does not power on on an older one (ghettoVCB #154).
 */
const MAX_HW: Array<[major: number, minor: number, update: number, hw: number]> = [
  [9, 0, 0, 22],
  [8, 0, 2, 21],
  [8, 0, 0, 20],
  [7, 0, 2, 19],
  [7, 0, 1, 18],
  [7, 0, 0, 17],
  [6, 7, 2, 15],
  [6, 7, 0, 14],
  [6, 5, 0, 13],
  [6, 0, 0, 11],
  [5, 5, 0, 10],
  [5, 1, 0, 9],
  [5, 0, 0, 8],
];

export function maxHardwareVersion(version: HostVersion): number | null {
  const [major = NaN, minor = NaN] = version.version.split('.').map(Number);
  const update = version.update ?? 0;
  for (const [ma, mi, up, hw] of MAX_HW) {
    if (major > ma || (major === ma && (minor > mi || (minor === mi && update >= up)))) return hw;
  }
  return null;
}

/** The first ESXi release that has each kind of disk controller a .vmx can name. */
const CONTROLLER_SINCE: Record<string, [major: number, minor: number]> = {
  nvme: [6, 5],
  sata: [5, 5],
  pvscsi: [4, 0],
  lsilogic: [4, 0],
  lsisas1068: [4, 0],
  buslogic: [4, 0],
};

/** Whether the target runs a controller: true, false, or null when Custode does not know the controller or host. */
export function controllerSupported(kind: string, version: HostVersion | null): boolean | null {
  const since = CONTROLLER_SINCE[kind.toLowerCase()];
  if (since === undefined || version === null) return null;
  const [major = NaN, minor = NaN] = version.version.split('.').map(Number);
  return major > since[0] || (major === since[0] && minor >= since[1]);
}
