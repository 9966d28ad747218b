import type { CopiedDisk, VerifyCheck, VmVerify } from '../../../shared/model/backup-history.ts';
import { worst } from '../../../shared/model/backup.ts';
import type { VmOutcome } from '../../../shared/model/vm-outcome.ts';
import { compactBytes } from '../fleet/compact-bytes.ts';
import { parseVmdkDescriptor, type VmdkDescriptor } from '../esxi/vmdk-descriptor.ts';
import type { BackupCopy } from '../ghettovcb/layout/copies.ts';

/**
 * The judgement of one VM's new copy, from what was read on the share (pure; verify-run.ts does the reading).
 * A copy is verified when its folder is there, its STATUS file says ok (or warn: disks left out on purpose), and
 * every disk the log says was cloned is in it with the size of its source; copies beyond the rotation are reported
 * but do not make the new copy bad.
 */

/** Outcomes that never reach "Initiate backup": ghettoVCB writes no copy folder for them (reference 6.2). */
const NO_COPY: ReadonlySet<VmOutcome> = new Set(['skipped_has_snapshot', 'not_found', 'excluded']);

export const expectsCopy = (outcome: VmOutcome, dryRun: boolean): boolean => !dryRun && !NO_COPY.has(outcome);

type Params = VerifyCheck['params'];
const check = (id: VerifyCheck['check'], verdict: VerifyCheck['verdict'], code: string, params: Params = {}): VerifyCheck => ({ check: id, verdict, code, params });

export function statusCheck(copy: BackupCopy): VerifyCheck {
  const params = { copy: copy.name, text: copy.statusText ?? '' };
  if (copy.compressed) return check('status', 'block', 'backup.verify.status.compressed', params);
  if (copy.status === 'ok') return check('status', 'go', 'backup.verify.status.ok', params);
  if (copy.status === 'warn') return check('status', 'warn', 'backup.verify.status.warn', params);
  if (copy.status === 'error') return check('status', 'block', 'backup.verify.status.error', params);
  return check('status', 'block', 'backup.verify.status.missing', params);
}

export function rotationCheck(copiesOnDisk: number, rotation: number | null): VerifyCheck {
  if (rotation === null) return check('rotation', 'warn', 'backup.verify.rotation.unknown', { count: copiesOnDisk });
  if (copiesOnDisk > rotation) return check('rotation', 'warn', 'backup.verify.rotation.over', { count: copiesOnDisk, rotation });
  return check('rotation', 'go', 'backup.verify.rotation.ok', { count: copiesOnDisk, rotation });
}

/** A file in the copy folder, relative to it (`disk-flat.vmdk`, `<datastore-uuid>/disk.vmdk`). */
export interface CopyFile {
  path: string;
  size: number;
}

export interface DiskEvidence {
  source: string;
  /** The source descriptor's text; null when it could not be read. */
  sourceText: string | null;
  /** The copy's descriptor (relative path) and its text; null when the copy has no descriptor of that name. */
  copyPath: string | null;
  copyText: string | null;
}

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');

function parsed(text: string | null): VmdkDescriptor | null {
  if (text === null) return null;
  try {
    return parseVmdkDescriptor(text);
  } catch {
    return null;
  }
}

/** Extent types whose file holds the whole extent: its size on the share must be the extent's (512-byte sectors). */
const FULL_EXTENTS = new Set(['VMFS', 'FLAT']);

/** A copied disk against its source: the descriptor there, the same provisioned size, every extent file whole. */
export function diskCheck(evidence: DiskEvidence, files: readonly CopyFile[]): { disk: CopiedDisk; problems: VerifyCheck[] } {
  const name = base(evidence.source);
  const source = parsed(evidence.sourceText);
  const copy = parsed(evidence.copyText);
  const problems: VerifyCheck[] = [];
  let fileBytes: number | null = null;
  if (evidence.copyPath === null || copy === null) {
    problems.push(check('disks', 'block', 'backup.verify.disks.missing', { disk: name }));
  } else {
    fileBytes = 0;
    for (const extent of copy.extents) {
      if (extent.file === null) continue;
      const file = files.find((f) => f.path === dirOf(evidence.copyPath!) + extent.file);
      const expected = extent.sectors * 512;
      if (file === undefined) problems.push(check('disks', 'block', 'backup.verify.disks.extentMissing', { disk: name, file: extent.file }));
      else if (FULL_EXTENTS.has(extent.type) ? file.size !== expected : file.size === 0) {
        problems.push(check('disks', 'block', 'backup.verify.disks.truncated', { disk: name, file: extent.file, expected, actual: file.size, expectedSize: compactBytes(expected), actualSize: compactBytes(file.size) }));
      }
      fileBytes += file?.size ?? 0;
    }
    if (source !== null && source.sizeBytes !== copy.sizeBytes) {
      problems.push(check('disks', 'block', 'backup.verify.disks.sizeMismatch', { disk: name, source: source.sizeBytes, copy: copy.sizeBytes, sourceSize: compactBytes(source.sizeBytes), copySize: compactBytes(copy.sizeBytes) }));
    }
  }
  if (source === null) problems.push(check('disks', 'warn', 'backup.verify.disks.sourceUnreadable', { disk: name, source: evidence.source }));
  return { disk: { source: evidence.source, sourceBytes: source?.sizeBytes ?? null, copyBytes: copy?.sizeBytes ?? null, fileBytes }, problems };
}

export interface VmEvidence {
  vm: string;
  /** Folder the copy was looked for in, as the host sees it. */
  vmDir: string;
  /** The run's copy; null when the folder is not on the share. */
  copy: BackupCopy | null;
  /** Every copy in the VM folder (the rotation set). */
  copiesOnDisk: number;
  rotation: number | null;
  disks: DiskEvidence[];
  files: CopyFile[];
}

export function judgeVm(e: VmEvidence): VmVerify {
  const checks: VerifyCheck[] = [];
  const disks: CopiedDisk[] = [];
  if (e.copy === null) {
    checks.push(check('folder', 'block', 'backup.verify.folder.missing', { dir: e.vmDir }));
  } else {
    checks.push(check('folder', 'go', 'backup.verify.folder.ok', { copy: e.copy.name }));
    checks.push(statusCheck(e.copy));
    if (!e.copy.compressed) {
      if (e.disks.length === 0) checks.push(check('disks', 'warn', 'backup.verify.disks.noneLogged', {}));
      for (const d of e.disks) {
        const judged = diskCheck(d, e.files);
        disks.push(judged.disk);
        checks.push(...judged.problems);
      }
      if (e.disks.length > 0 && !checks.some((c) => c.check === 'disks')) checks.push(check('disks', 'go', 'backup.verify.disks.ok', { count: e.disks.length }));
    }
  }
  checks.push(rotationCheck(e.copiesOnDisk, e.rotation));
  const failed = worst(checks.map((c) => c.verdict)) === 'block';
  return {
    vm: e.vm,
    verdict: failed ? 'failed' : 'verified',
    copy: e.copy === null ? null : `${e.vmDir}/${e.copy.name}`,
    status: e.copy === null || e.copy.status === 'unknown' ? null : e.copy.status,
    statusText: e.copy?.statusText ?? null,
    copiesOnDisk: e.copiesOnDisk,
    rotation: e.rotation,
    bytes: e.copy?.sizeBytes ?? null,
    disks,
    checks,
  };
}

/**
 * A copy a cancel cut off (the run's record says so, or the cancel's marker is in it): left on the share and marked,
 * never a good copy, and not a verification failure either, so it is `noCopy` with the folder named.
 */
export function partialCopy(vm: string, vmDir: string, copy: BackupCopy | null, copiesOnDisk: number, rotation: number | null): VmVerify {
  const folder = copy === null ? check('folder', 'warn', 'backup.verify.folder.cancelledNone', { dir: vmDir }) : check('folder', 'warn', 'backup.verify.folder.partial', { copy: `${vmDir}/${copy.name}` });
  return {
    vm,
    verdict: 'noCopy',
    copy: copy === null ? null : `${vmDir}/${copy.name}`,
    status: copy === null || copy.status === 'unknown' ? null : copy.status,
    statusText: copy?.statusText ?? null,
    copiesOnDisk,
    rotation,
    bytes: null,
    disks: [],
    checks: [folder],
  };
}

export function noCopy(vm: string, reason: string): VmVerify {
  return { vm, verdict: 'noCopy', copy: null, status: null, statusText: null, copiesOnDisk: null, rotation: null, bytes: null, disks: [], checks: [check('folder', 'go', 'backup.verify.folder.notExpected', { outcome: reason })] };
}
