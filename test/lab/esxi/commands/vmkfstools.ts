// /sbin/vmkfstools: -i clone (really copying the extents, `\r` progress), -U, -e, -c, -h (esxi-truenas.md A3).
import { existsSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostPath } from '../paths.ts';
import { listDatastores, splitDatastorePath } from '../datastores.ts';
import { readHostState, type HostState } from '../state.ts';
import { createFlatDisk, deleteDisk, formatDescriptor, readDescriptor, resolveBase, sparseCopy, sparseCopyRange, type Descriptor, type Extent } from '../vmdk.ts';
import { out, pause, waitUntil } from '../../sim/io.ts';
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
  // Thick space is reserved before the first block is written, so a thick disk that cannot fit fails at 0 %. A thin
  // copy writes as it goes and runs out part way: here its data is written at 41 %, so a share that fills up while
  // a slowed copy is under way stops it there, as it would a real one.
  const thick = format === 'zeroedthick' || format === 'eagerzeroedthick';
  const roomy = await fits(root, state, dst, cloneBytes(dirname(base.path), base.desc.extents, thick));
  const progress = (from: number, to: number) => {
    for (let pct = from; pct <= to; pct++) {
      out(`\rClone: ${pct}% done.`);
      if (delayMs > 0) pause(delayMs);
    }
  };
  const made = destination(base.desc.extents, dstPath, format, base.desc.adapter, base.desc.hwVersion);
  const copy = (): string | null => {
    if (!roomy) return NO_SPACE;
    try {
      copyData(base.path, base.desc.extents, dirname(dstPath), made);
      return null;
    } catch (e) {
      return errnoText(e);
    }
  };
  if (thick) {
    const error = copy();
    if (error === null) writeFileSync(dstPath, formatDescriptor(made));
    progress(0, error === null ? 100 : roomy ? 41 : 0);
    return ended(error);
  }
  // The descriptor and its (still empty) extents are there from the start, as vmkfstools makes them first; a copy
  // that fails leaves nothing.
  const files = [dstPath, ...made.extents.map((e) => join(dirname(dstPath), e.file))];
  const unmade = () => {
    for (const f of files) rmSync(f, { force: true });
  };
  try {
    writeFileSync(dstPath, formatDescriptor(made));
    for (const f of files.slice(1)) writeFileSync(f, '');
  } catch (e) {
    unmade();
    progress(0, 41);
    return ended(errnoText(e));
  }
  progress(0, 40);
  // Written once the progress so far has been shown (and waited out): what the share holds then decides.
  return waitUntil(() => {
    const error = copy();
    if (error !== null) unmade();
    progress(41, error === null ? 100 : 41);
    return ended(error);
  }, 1);
}

/** The end of a clone's output and its exit code. */
function ended(error: string | null): number {
  if (error !== null) {
    out(`Failed to clone disk: ${error}\n`);
    return 1;
  }
  out('\n');
  return 0;
}

const SPARSE_EXTENT_SECTORS = 4192256;

/** The descriptor of a clone of `extents` at `dstPath`, naming the extent files `copyData` writes. */
function destination(extents: Extent[], dstPath: string, format: string, adapter: string, hw: string): Descriptor {
  const stem = basename(dstPath, '.vmdk');
  const sectors = extents.reduce((a, e) => a + e.sectors, 0);
  const made: Extent[] = [];
  if (format === '2gbsparse') {
    for (let i = 0, off = 0; off < sectors; i++, off += SPARSE_EXTENT_SECTORS) {
      made.push({ access: 'RW', sectors: Math.min(SPARSE_EXTENT_SECTORS, sectors - off), type: 'SPARSE', file: `${stem}-s${String(i + 1).padStart(3, '0')}.vmdk` });
    }
  } else {
    made.push({ access: 'RW', sectors, type: 'VMFS', file: `${stem}-flat.vmdk` });
  }
  return { createType: format === '2gbsparse' ? 'twoGbMaxExtentSparse' : 'vmfs', parentHint: null, adapter, extents: made, thin: format === 'thin', hwVersion: hw };
}

/** The data of the source's extents into the extent files of `made`, in `dstDir`. */
function copyData(basePath: string, extents: Extent[], dstDir: string, made: Descriptor): void {
  const flat = join(dirname(basePath), extents[0]!.file);
  if (made.createType === 'twoGbMaxExtentSparse') {
    made.extents.forEach((e, i) => sparseCopyRange(flat, join(dstDir, e.file), i * SPARSE_EXTENT_SECTORS * 512, e.sectors * 512));
  } else {
    sparseCopy(flat, join(dstDir, made.extents[0]!.file));
  }
}
