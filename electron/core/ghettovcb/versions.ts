/**
 * Which ESXi versions each ghettoVCB release accepts. ghettoVCB compares the 3rd field of `vmware -v` with a
 * hard-coded list and stops with "ESX(i) version not supported!" otherwise (reference 10). Lists read from
 * `ghettoVCB.sh` at each tag of lamw/ghettoVCB. The version printed in the log (`CONFIG - VERSION`) is
 * `<LAST_MODIFIED_DATE>_<VERSION>`, which does not always name one tag (2021_10_20 still says 2021_07_09).
 */
export interface GhettoVcbRelease {
  tag: string;
  /** `LAST_MODIFIED_DATE` in that tag's script; the log shows it as `<date>_1`. */
  lastModified: string;
  esxi: readonly string[];
}

const OLD = ['6.0.0', '6.5.0', '6.7.0', '5.0.0', '5.1.0', '5.5.0', '4.0.0', '4.1.0', '3.5.0', '3i'] as const;

export const RELEASES: readonly GhettoVcbRelease[] = [
  { tag: '2021_07_09', lastModified: '2021_07_09', esxi: ['7.0.0', '7.0.1', '7.0.2', ...OLD] },
  { tag: '2021_10_20', lastModified: '2021_07_09', esxi: ['7.0.0', '7.0.1', '7.0.2', '7.0.3', ...OLD] },
  { tag: '2023_04_22', lastModified: '2023_04_21', esxi: ['8.0.0', '8.0.1', '7.0.0', '7.0.1', '7.0.2', '7.0.3', ...OLD] },
  { tag: '2023_09_29', lastModified: '2023_09_29', esxi: ['8.0.0', '8.0.1', '8.0.2', '7.0.0', '7.0.1', '7.0.2', '7.0.3', ...OLD] },
  {
    tag: '2025_10_30',
    lastModified: '2025_10_30',
    esxi: ['9.0.0', '9.0.1', '8.0.0', '8.0.1', '8.0.2', '8.0.3', '7.0.0', '7.0.1', '7.0.2', '7.0.3', ...OLD],
  },
];

export const LATEST_RELEASE = RELEASES[RELEASES.length - 1] as GhettoVcbRelease;

/** `VMware ESXi 8.0.3 build-24022510` → `8.0.3` (the field ghettoVCB compares). */
export function esxiVersionFromVmwareV(output: string): string | null {
  return output.trim().split(/\s+/)[2] ?? null;
}

export function esxiMajor(version: string): number | null {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : version === '3i' ? 3 : null;
}

export function releaseAccepts(release: GhettoVcbRelease, esxiVersion: string): boolean {
  return release.esxi.includes(esxiVersion);
}

/** Tags whose whitelist contains the version, oldest first; empty = no release runs there. */
export function releasesAccepting(esxiVersion: string): string[] {
  return RELEASES.filter((r) => releaseAccepts(r, esxiVersion)).map((r) => r.tag);
}

/**
 * The releases a log's `CONFIG - VERSION` value can come from. Copies taken from the master branch between
 * tags print the date of the previous tag, so the answer is a set.
 */
export function releasesForScriptVersion(versionString: string): GhettoVcbRelease[] {
  const date = versionString.replace(/_\d+$/, '');
  return RELEASES.filter((r) => r.lastModified === date);
}
