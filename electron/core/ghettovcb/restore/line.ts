import { issue, type Issue } from '../issue.ts';
import type { DiskFormat } from '../conf/keys.ts';
import type { CopyStatus } from '../layout/copies.ts';
import { checkVmName } from '../vmlist.ts';

/**
 * The input line of `ghettoVCB-restore.sh -c` (reference 4.2): `"<copy>;<datastore>;<format 1-4>;<new name>"`.
 * Written with no trailing slash (a trailing slash restores into the datastore root and is refused, #209)
 * and always with an explicit name (the folder name from the timestamp regex goes wrong for copies taken
 * 20:00–23:59). The restore script strips every `"` and splits on `;`, so those characters cannot be data.
 */
export const RESTORE_FORMAT_NUMBER: Readonly<Record<DiskFormat, number>> = { zeroedthick: 1, '2gbsparse': 2, thin: 3, eagerzeroedthick: 4 };

export interface RestoreRequest {
  /** Absolute path of the copy: its folder, or its `.gz`. */
  copyPath: string;
  copyStatus?: CopyStatus;
  /** `/vmfs/volumes/<datastore>` on the target host. */
  targetDatastore: string;
  diskFormat: DiskFormat;
  newName: string;
  /** What the caller knows about the target and the copy; each known fact enables its check. */
  facts?: {
    esxiMajor?: number;
    existingFolders?: readonly string[];
    registeredVmNames?: readonly string[];
    hasNvmeDisks?: boolean;
    hasNvram?: boolean;
    copySizeBytes?: number;
    targetFreeBytes?: number;
    vmHardwareVersion?: number;
    hostMaxHardwareVersion?: number;
  };
}

export interface RestorePlan {
  /** The line to write into the restore input file, or null when something refuses it. */
  line: string | null;
  /** Where the VM lands: `<datastore>/<new name>`. */
  targetFolder: string;
  refusals: Issue[];
  warnings: Issue[];
}

const P = 'ghettovcb.restore.';
const UNSAFE = /[;"\r\n\0]/;

function stripSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function planRestore(req: RestoreRequest): RestorePlan {
  const refusals: Issue[] = [];
  const warnings: Issue[] = [];
  const copy = stripSlashes(req.copyPath.trim());
  const datastore = stripSlashes(req.targetDatastore.trim());
  const name = req.newName;
  const facts = req.facts ?? {};

  for (const [field, value] of [['copy', copy], ['datastore', datastore], ['name', name]] as const) {
    if (UNSAFE.test(value)) refusals.push(issue('error', `${P}unsafeCharacters`, { field, value }));
  }
  if (!/^\/vmfs\/volumes\/[^/]+\/.+/.test(copy)) refusals.push(issue('error', `${P}copyPathNotVmfs`, { path: copy }));
  if (!/^\/vmfs\/volumes\/[^/]+$/.test(datastore)) refusals.push(issue('error', `${P}datastoreNotVmfs`, { path: datastore }));
  if (name.trim() === '') refusals.push(issue('error', `${P}nameRequired`));
  else if (name !== name.trim()) refusals.push(issue('error', `${P}nameWhitespace`, { name }));
  if (name.includes('/') || name === '.' || name === '..') refusals.push(issue('error', `${P}nameSlash`, { name }));
  if (name.trim() !== '' && checkVmName(name).some((i) => i.severity === 'error')) warnings.push(issue('warning', `${P}nameBreaksBackup`, { name }));

  if (facts.existingFolders?.includes(name)) refusals.push(issue('error', `${P}folderExists`, { folder: `${datastore}/${name}` }));
  if (facts.registeredVmNames?.includes(name)) refusals.push(issue('error', `${P}vmRegistered`, { name }));
  if (req.copyStatus === 'error') refusals.push(issue('error', `${P}copyFailed`));
  else if (req.copyStatus === 'warn') warnings.push(issue('warning', `${P}copyPartial`));
  else if (req.copyStatus === 'unknown' || req.copyStatus === undefined) warnings.push(issue('warning', `${P}copyUnverified`));
  if (facts.hasNvmeDisks) refusals.push(issue('error', `${P}nvmeDisks`));
  if (facts.hasNvram === false) warnings.push(issue('warning', `${P}noNvram`));
  if (facts.copySizeBytes !== undefined && facts.targetFreeBytes !== undefined && facts.copySizeBytes > facts.targetFreeBytes) {
    refusals.push(issue('error', `${P}noSpace`, { needed: facts.copySizeBytes, free: facts.targetFreeBytes }));
  }
  if (facts.vmHardwareVersion !== undefined && facts.hostMaxHardwareVersion !== undefined && facts.vmHardwareVersion > facts.hostMaxHardwareVersion) {
    refusals.push(issue('error', `${P}hardwareTooNew`, { vm: facts.vmHardwareVersion, host: facts.hostMaxHardwareVersion }));
  }
  if (req.diskFormat === 'eagerzeroedthick' && (facts.esxiMajor === undefined || facts.esxiMajor >= 7)) {
    warnings.push(issue('warning', `${P}eagerBecomesZeroed`));
  }
  if (copy.endsWith('gz')) warnings.push(issue('warning', `${P}compressedExtracts`));

  const line = refusals.length === 0 ? `"${copy};${datastore};${RESTORE_FORMAT_NUMBER[req.diskFormat]};${name}"` : null;
  return { line, targetFolder: `${datastore}/${name}`, refusals, warnings };
}
