// /sbin/vmkfstools: -i clone (really copying the extents, `\r` progress), -U, -e, -c, -h (esxi-truenas.md A3).
import { existsSync, lstatSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostPath } from '../paths.ts';
import { listDatastores, splitDatastorePath } from '../datastores.ts';
import { readHostState, type HostState } from '../state.ts';
import { createFlatDisk, deleteDisk, formatDescriptor, readDescriptor, resolveBase, sparseCopy, sparseCopyRange, type Extent } from '../vmdk.ts';
import { out, pause } from '../../sim/io.ts';
import { adaptertypeHelpFor, type AdaptertypeHelp } from '../vmkfstools-help.ts';

const FORMAT_TEXT: Record<string, string> = {
  thin: 'VMFS thin-provisioned',
  zeroedthick: 'VMFS zeroedthick',
  eagerzeroedthick: 'VMFS eagerzeroedthick',
  '2gbsparse': 'sparse with 2GB maximum extent size',
};

function help(adaptertype: AdaptertypeHelp): string {
  const adapterLine =
    adaptertype === 'absent' ? '' : `               -a --adaptertype [buslogic|lsilogic|ide|lsisas|pvscsi]${adaptertype === 'deprecated' ? ' (deprecated)' : ''}\n`;
  return `OPTIONS FOR FILE SYSTEMS:

vmkfstools -C --createfs [vmfs5|vmfs6|vfat]
               -S --setfsname fsName
           -Z --spanfs span-partition
           -G --growfs grown-partition
   deviceName

           -P --queryfs -h --humanreadable
           -T --upgradevmfs
   vmfsPath

OPTIONS FOR VIRTUAL DISKS:

vmkfstools -c --createvirtualdisk #[bBsSkKmMgGtT]
               -d --diskformat [zeroedthick|
                                thin|
                                eagerzeroedthick]
${adapterLine}           -U --deletevirtualdisk
           -E --renamevirtualdisk srcDisk
           -i --clonevirtualdisk srcDisk
               -d --diskformat [zeroedthick|
                                thin|
                                eagerzeroedthick|
                                rdm:<device>|rdmp:<device>|
                                2gbsparse]
           -X --extendvirtualdisk #[bBsSkKmMgGtT]
           -e --chainConsistent
           -x --fix [check|repair]
   vmfsPath
`;
}

function parse(args: string[]): { flags: Map<string, string>; positional: string[] } {
  const withValue = new Set(['-i', '-a', '-d', '-c', '-X', '-x', '-E']);
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (withValue.has(a)) flags.set(a, args[++i] ?? '');
    else if (a.startsWith('-') && a.length === 2) flags.set(a, '');
    else positional.push(a);
  }
  return { flags, positional };
}

export async function vmkfstools(root: string, args: string[]): Promise<number> {
  const { flags, positional } = parse(args);
  const state = readHostState(root);
  if (flags.has('-h') && !flags.has('-i')) {
    out(help(adaptertypeHelpFor(state.identity.version, state.faults.adaptertypeHelp)));
    return 0;
  }
  if (flags.has('-i')) return clone(root, state, flags.get('-i')!, positional.at(-1) ?? '', flags);
  if (flags.has('-U')) {
    const disk = positional.at(-1) ?? '';
    if (!existsSync(hostPath(root, disk))) return failed(`Failed to delete virtual disk: The system cannot find the file specified (25).`);
    deleteDisk(hostPath(root, disk));
    return 0;
  }
  if (flags.has('-e')) {
    const disk = positional.at(-1) ?? '';
    if (!readDescriptor(hostPath(root, disk))) return failed(`Failed to open '${disk}': The system cannot find the file specified (25).`);
    if (!resolveBase(hostPath(root, disk))) return failed('Disk chain is not consistent: The parent of this virtual disk could not be opened (0x3e8c)');
    out('Disk chain is consistent.\n');
    return 0;
  }
  if (flags.has('-c')) {
    const disk = positional.at(-1) ?? '';
    const size = /^(\d+)([bBsSkKmMgGtT]?)$/.exec(flags.get('-c')!);
    if (!size) return failed('Invalid disk size');
    const mult: Record<string, number> = { '': 1 / (1024 * 1024), b: 1 / (1024 * 1024), s: 512 / (1024 * 1024), k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };
    if (existsSync(hostPath(root, disk))) return failed('Failed to create virtual disk: The file already exists (39).');
    const fmt = flags.get('-d') ?? 'zeroedthick';
    const sizeMB = Math.max(1, Math.round(Number(size[1]) * mult[size[2]!.toLowerCase()]!));
    if (!(await fits(root, state, disk, fmt === 'thin' ? 0 : sizeMB * 1024 * 1024))) return failed(`Failed to create virtual disk: ${NO_SPACE}`);
    createFlatDisk(hostPath(root, disk), sizeMB, { adapter: flags.get('-a') ?? 'lsilogic', hwVersion: '19', thin: fmt === 'thin' });
    out(`Create: 100% done.\n`);
    return 0;
  }
  out(help(adaptertypeHelpFor(state.identity.version, state.faults.adaptertypeHelp)));
  return 1;
}

function failed(text: string): number {
  out(`${text}\n`);
  return 1;
}

const NO_SPACE = 'There is not enough space on the file system for the selected operation (13).';

/** The disklib wording for a failed write, from a Node errno or from cp's stderr. */
function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { stderr?: Buffer | string };
  const text = `${err.code ?? ''} ${String(err.stderr ?? '')} ${err.message}`;
  if (/ENOSPC|EDQUOT|No space left|quota exceeded/i.test(text)) return NO_SPACE;
  if (/EROFS|EACCES|EPERM|Read-only file system|Permission denied/i.test(text)) return 'Read-only file system (30).';
  return 'Input/output error (327689).';
}

/**
 * Whether `bytes` more fit on the datastore holding `disk`, as the lab accounts it (datastores.ts): a thick disk is
 * refused up front when its provisioned size does not fit, though the lab never writes its zeroes. A path outside
 * /vmfs/volumes is left to the real write.
 */
async function fits(root: string, state: HostState, disk: string, bytes: number): Promise<boolean> {
  const where = splitDatastorePath(state, disk);
  if (where === null || bytes === 0) return true;
  const ds = (await listDatastores(root, state)).find((d) => d.name === where.datastore);
  return ds === undefined || !ds.accessible || bytes <= ds.free;
}

/** Bytes the clone of `extents` needs at the destination: the provisioned size when thick, else the data there is. */
function cloneBytes(dir: string, extents: Extent[], thick: boolean): number {
  if (thick) return extents.reduce((a, e) => a + e.sectors * 512, 0);
  return extents.reduce((a, e) => {
    try {
      return a + lstatSync(join(dir, e.file)).blocks * 512;
    } catch {
      return a;
    }
  }, 0);
}

async function clone(root: string, state: HostState, src: string, dst: string, flags: Map<string, string>): Promise<number> {
  const version = state.identity.version;
  const delayMs = state.faults.cloneDelayMs;
  const format = flags.get('-d') ?? 'zeroedthick';
  if (!(format in FORMAT_TEXT)) return failed(`Failed to clone disk: Invalid disk format ${format}`);
  const srcPath = hostPath(root, src);
  const dstPath = hostPath(root, dst);
  if (flags.has('-a') && !version.startsWith('6.0') && Number(version.split('.')[0]) >= 6) {
    out('Option --adaptertype is deprecated and hence will be ignored\n');
  }
  const base = readDescriptor(srcPath) ? resolveBase(srcPath) : null;
  if (!readDescriptor(srcPath)) return failed(`Failed to open '${src}': The system cannot find the file specified (25).`);
  if (!base) return failed(`Failed to open '${src}': The parent of this virtual disk could not be opened (23).`);
  out(`Destination disk format: ${FORMAT_TEXT[format]}\n`);
  out(`Cloning disk '${src}'...\n`);
  if (existsSync(dstPath)) return failed('Failed to clone disk: The file already exists (39).');
  if (!existsSync(dirname(dstPath))) return failed('Failed to clone disk: The system cannot find the file specified (25).');
  let error: string | null = null;
  // Thick space is reserved before the first block is written, so a thick disk that cannot fit fails at 0 %; a thin
  // copy runs out part way.
  const thick = format === 'zeroedthick' || format === 'eagerzeroedthick';
  const roomy = await fits(root, state, dst, cloneBytes(dirname(base.path), base.desc.extents, thick));
  if (!roomy) error = NO_SPACE;
  else {
    try {
      copyExtents(base.path, base.desc.extents, dstPath, format, base.desc.adapter, base.desc.hwVersion);
    } catch (e) {
      error = errnoText(e);
    }
  }
  const stopAt = thick && !roomy ? 0 : error ? 41 : 100;
  for (let pct = 0; pct <= stopAt; pct++) {
    out(`\rClone: ${pct}% done.`);
    if (delayMs > 0) pause(delayMs);
  }
  if (error) {
    out(`Failed to clone disk: ${error}\n`);
    return 1;
  }
  out('\n');
  return 0;
}

const SPARSE_EXTENT_SECTORS = 4192256;

function copyExtents(basePath: string, extents: Extent[], dstPath: string, format: string, adapter: string, hw: string): void {
  const srcDir = dirname(basePath);
  const dstDir = dirname(dstPath);
  const stem = basename(dstPath, '.vmdk');
  const sectors = extents.reduce((a, e) => a + e.sectors, 0);
  const made: Extent[] = [];
  if (format === '2gbsparse') {
    const flat = join(srcDir, extents[0]!.file);
    for (let i = 0, off = 0; off < sectors; i++, off += SPARSE_EXTENT_SECTORS) {
      const n = Math.min(SPARSE_EXTENT_SECTORS, sectors - off);
      const file = `${stem}-s${String(i + 1).padStart(3, '0')}.vmdk`;
      sparseCopyRange(flat, join(dstDir, file), off * 512, n * 512);
      made.push({ access: 'RW', sectors: n, type: 'SPARSE', file });
    }
  } else {
    const file = `${stem}-flat.vmdk`;
    sparseCopy(join(srcDir, extents[0]!.file), join(dstDir, file));
    made.push({ access: 'RW', sectors, type: 'VMFS', file });
  }
  const createType = format === '2gbsparse' ? 'twoGbMaxExtentSparse' : 'vmfs';
  writeFileSync(dstPath, formatDescriptor({ createType, parentHint: null, adapter, extents: made, thin: format === 'thin', hwVersion: hw }));
}
