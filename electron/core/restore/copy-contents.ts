import { AppError } from '../../../shared/errors/app-error.ts';
import type { VmDisk } from '../../../shared/model/vm.ts';
import { parseVmx, type VmxFile } from '../esxi/vmx.ts';
import type { VmdkDescriptor } from '../esxi/vmdk-descriptor.ts';

/**
 * What a ghettoVCB copy folder holds (reference 6.1): one .vmx copied as it was, the nvram named by its `nvram`
 * line, for each disk that was copied a descriptor (`<disk>.vmdk`) and its data, disks of other datastores under
 * `<datastore>/`. Independent disks were never copied (ghettoVCB skips them); the restored VM lacks them.
 */
export interface CopyDisk {
  disk: VmDisk;
  /** Its number in the restored VM's names (`<name>-N.vmdk`), as ghettoVCB-restore.sh counts the .vmx's disk lines. */
  index: number;
  /** The descriptor in the copy, relative to the copy folder. */
  file: string;
}

export interface CopyContents {
  vmxFile: string;
  vmx: VmxFile;
  vmxText: string;
  nvramFile: string | null;
  disks: CopyDisk[];
  /** Disks the .vmx names that the copy does not hold: independent ones, or missing files. */
  missing: { disk: VmDisk; why: 'independent' | 'absent' }[];
}

/** The .vmx of a copy folder from the names in it: exactly one, or a clear error. */
export function copyVmxFile(folder: string, names: readonly string[]): string {
  const vmxs = names.filter((n) => n.toLowerCase().endsWith('.vmx'));
  if (names.length === 0) throw new AppError('restore.copyEmpty', `The copy folder ${folder} is empty: there is nothing to restore from it`, { folder });
  if (vmxs.length === 0) throw new AppError('restore.copyNoVmx', `The copy folder ${folder} holds no .vmx file: it is not a complete ghettoVCB copy; choose another copy`, { folder });
  if (vmxs.length > 1) throw new AppError('restore.copyManyVmx', `The copy folder ${folder} holds ${vmxs.length} .vmx files; Custode cannot tell which one to restore`, { folder, count: vmxs.length });
  return vmxs[0]!;
}

/** Where ghettoVCB put a disk in the copy: its own name, or `<datastore>/<name>` for an absolute path. */
export function diskInCopy(fileName: string): string {
  const m = /^\/vmfs\/volumes\/([^/]+)\/(?:.*\/)?([^/]+)$/.exec(fileName);
  return m ? `${m[1]}/${m[2]}` : fileName;
}

/** The disk lines' numbering of ghettoVCB-restore.sh: every scsi/ide/sata `fileName` line counts, CD-ROMs too. */
function diskNumbers(vmxText: string): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const line of vmxText.split('\n')) {
    const m = /^\s*((?:scsi|ide|sata|nvme)\d+:\d+)\.filename\s*=/i.exec(line);
    if (m && !numbers.has(m[1]!.toLowerCase())) numbers.set(m[1]!.toLowerCase(), numbers.size);
  }
  return numbers;
}

export function copyContents(folder: string, names: readonly string[], vmxText: string): CopyContents {
  const vmxFile = copyVmxFile(folder, names);
  const vmx = parseVmx(vmxText);
  const have = new Set(names);
  const numbers = diskNumbers(vmxText);
  const disks: CopyDisk[] = [];
  const missing: CopyContents['missing'] = [];
  for (const disk of vmx.disks) {
    if (disk.ghettoVcb === 'notPresent' || disk.ghettoVcb === 'notADisk') continue;
    if (disk.ghettoVcb === 'independent') {
      missing.push({ disk, why: 'independent' });
      continue;
    }
    const file = diskInCopy(disk.fileName);
    if (!have.has(file)) missing.push({ disk, why: 'absent' });
    else disks.push({ disk, index: numbers.get(disk.key.toLowerCase()) ?? disks.length, file });
  }
  const nvramFile = vmx.nvram !== null && have.has(vmx.nvram) ? vmx.nvram : null;
  return { vmxFile, vmx, vmxText, nvramFile, disks, missing };
}

/** The bytes a disk takes: provisioned from its descriptor, used from the size of its data files in the copy. */
export function diskSizes(descriptor: VmdkDescriptor, fileSizes: ReadonlyMap<string, number>, dir: string): { provisionedBytes: number; usedBytes: number | null } {
  const used = descriptor.extents.map((e) => (e.file === null ? undefined : fileSizes.get(dir === '' ? e.file : `${dir}/${e.file}`)));
  return { provisionedBytes: descriptor.sizeBytes, usedBytes: used.every((u) => u !== undefined) ? used.reduce<number>((a, b) => a + b!, 0) : null };
}
