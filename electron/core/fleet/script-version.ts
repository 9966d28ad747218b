import { releasesForScriptVersion } from '../ghettovcb/versions.ts';

/**
 * The version of an installed ghettoVCB.sh, from the variables at its top (`LAST_MODIFIED_DATE=2025_10_30`,
 * `VERSION=1`), the same pair the script logs as `CONFIG - VERSION = 2025_10_30_1`.
 */
export const SCRIPT_HEADER_LINES = 80;

export function scriptVersionFromHeader(head: string): string | null {
  const date = /^LAST_MODIFIED_DATE=["']?(\d{4}_\d{2}_\d{2})["']?\s*$/m.exec(head)?.[1];
  if (date === undefined) return null;
  const rev = /^VERSION=["']?(\d+)["']?\s*$/m.exec(head)?.[1] ?? '1';
  return `${date}_${rev}`;
}

/** Whether a script of this version runs on this ESXi release; null when either is unknown. */
export function scriptAcceptsEsxi(scriptVersion: string | null, esxiVersion: string | null): boolean | null {
  if (scriptVersion === null || esxiVersion === null) return null;
  const releases = releasesForScriptVersion(scriptVersion);
  if (releases.length === 0) return null;
  return releases.some((r) => r.esxi.includes(esxiVersion));
}
