// Virtual disks as real files: a text descriptor plus extents. Flat extents are sparse files of the full provisioned
// size (tens to hundreds of GB) holding a few hundred KB of real data, so copies can be checked byte for byte and a
// thin copy costs what was written, never the provisioned size.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, readSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Extent {
  access: string;
  sectors: number;
  type: string;
  file: string;
}

export interface Descriptor {
  createType: string;
  parentHint: string | null;
  adapter: string;
  extents: Extent[];
  thin: boolean;
  hwVersion: string;
}

export function formatDescriptor(d: Descriptor): string {
  const cid = randomBytes(4).toString('hex');
  const uuid = randomBytes(16).toString('hex').replace(/(..)/g, '$1 ').trim();
  const sectors = d.extents.reduce((a, e) => a + e.sectors, 0);
  const cylinders = Math.max(1, Math.floor(sectors / (255 * 63)));
  const lines = [
    '# Disk DescriptorFile',
    'version=1',
    'encoding="UTF-8"',
    `CID=${cid}`,
    `parentCID=${d.parentHint ? randomBytes(4).toString('hex') : 'ffffffff'}`,
    `createType="${d.createType}"`,
  ];
  if (d.parentHint) lines.push(`parentFileNameHint="${d.parentHint}"`);
  lines.push('', '# Extent description');
  for (const e of d.extents) lines.push(`${e.access} ${e.sectors} ${e.type} "${e.file}"`);
  lines.push('', '# The Disk Data Base', '#DDB', '');
  if (!d.parentHint) {
    lines.push(`ddb.adapterType = "${d.adapter}"`);
    lines.push(`ddb.geometry.cylinders = "${cylinders}"`, 'ddb.geometry.heads = "255"', 'ddb.geometry.sectors = "63"');
  }
  lines.push(`ddb.longContentID = "${randomBytes(16).toString('hex')}"`);
  if (d.thin && !d.parentHint) lines.push('ddb.thinProvisioned = "1"');
  lines.push(`ddb.uuid = "${uuid}"`, `ddb.virtualHWVersion = "${d.hwVersion}"`);
  return lines.join('\n') + '\n';
}

export function parseDescriptor(text: string): Descriptor {
  const get = (k: string): string | null => new RegExp(`^${k}\\s*=\\s*"?([^"\\n]*)"?`, 'm').exec(text)?.[1] ?? null;
  const extents: Extent[] = [];
  for (const m of text.matchAll(/^(RW|RDONLY|NOACCESS)\s+(\d+)\s+(\S+)\s+"([^"]+)"/gm)) {
    extents.push({ access: m[1]!, sectors: Number(m[2]), type: m[3]!, file: m[4]! });
  }
  return {
    createType: get('createType') ?? '',
    parentHint: get('parentFileNameHint'),
    adapter: get('ddb.adapterType') ?? 'lsilogic',
    extents,
    thin: get('ddb.thinProvisioned') === '1',
    hwVersion: get('ddb.virtualHWVersion') ?? '19',
  };
}

/** Descriptors are tiny text files; extents (gigabytes, sparse) must never be read whole to find that out. */
export function readDescriptor(path: string): Descriptor | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, n);
    if (!text.startsWith('# Disk DescriptorFile')) return null;
    return parseDescriptor(text);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** What a guest wrote: a boot area at the start, a little more at a quarter, the middle and three quarters. */
const HEAD_BYTES = 128 * 1024;
const CHUNK_BYTES = 32 * 1024;

/**
 * A few hundred KB of real (random) data at a few offsets of a sparse extent: what a clone must reproduce, and what a
 * thin copy of it really occupies. The head names the disk; the middle chunk starts with `MID`.
 */
function writeGuestData(fd: number, size: number, tag: string): void {
  const head = randomBytes(Math.min(HEAD_BYTES, size));
  head.write(`LABDISK ${tag} ${randomBytes(8).toString('hex')}\n`);
  writeSync(fd, head, 0, head.length, 0);
  if (size < 8 * HEAD_BYTES) return;
  const at = (fraction: number): number => Math.floor((size * fraction) / 4096) * 4096;
  for (const fraction of [0.25, 0.5, 0.75]) {
    const chunk = randomBytes(CHUNK_BYTES);
    if (fraction === 0.5) chunk.write(`MID ${tag}\n`);
    writeSync(fd, chunk, 0, chunk.length, at(fraction));
  }
}

export function createFlatDisk(descPath: string, sizeMB: number, opts: { adapter: string; hwVersion: string; thin: boolean }): void {
  const base = basename(descPath, '.vmdk');
  const flat = join(dirname(descPath), `${base}-flat.vmdk`);
  const size = sizeMB * 1024 * 1024;
  const fd = openSync(flat, 'w');
  try {
    ftruncateSync(fd, size);
    writeGuestData(fd, size, base.replace(/\s/g, '_'));
  } finally {
    closeSync(fd);
  }
  const d: Descriptor = {
    createType: 'vmfs',
    parentHint: null,
    adapter: opts.adapter,
    extents: [{ access: 'RW', sectors: size / 512, type: 'VMFS', file: `${base}-flat.vmdk` }],
    thin: opts.thin,
    hwVersion: opts.hwVersion,
  };
  writeFileSync(descPath, formatDescriptor(d));
}

/** A snapshot child: descriptor + empty sparse redo log (`-delta.vmdk` or `-sesparse.vmdk`). */
export function createChildDisk(descPath: string, parentHint: string, sectors: number, format: 'delta' | 'sesparse', hwVersion: string): string[] {
  const base = basename(descPath, '.vmdk');
  const extentFile = `${base}-${format}.vmdk`;
  const fd = openSync(join(dirname(descPath), extentFile), 'w');
  try {
    ftruncateSync(fd, 4096);
  } finally {
    closeSync(fd);
  }
  writeFileSync(
    descPath,
    formatDescriptor({
      createType: format === 'delta' ? 'vmfsSparse' : 'seSparse',
      parentHint,
      adapter: 'lsilogic',
      extents: [{ access: 'RW', sectors, type: format === 'delta' ? 'VMFSSPARSE' : 'SESPARSE', file: extentFile }],
      thin: false,
      hwVersion,
    }),
  );
  return [descPath, join(dirname(descPath), extentFile)];
}

/** Descriptor + every extent file, absolute. */
export function diskFiles(descPath: string): string[] {
  const d = readDescriptor(descPath);
  if (!d) return [descPath];
  return [descPath, ...d.extents.map((e) => join(dirname(descPath), e.file))];
}

export function deleteDisk(descPath: string): void {
  for (const f of diskFiles(descPath)) if (existsSync(f)) unlinkSync(f);
}

/** Walk parentFileNameHint links down to the base disk; null when a link is broken. */
export function resolveBase(descPath: string): { path: string; desc: Descriptor } | null {
  let path = descPath;
  for (let i = 0; i < 64; i++) {
    const d = readDescriptor(path);
    if (!d) return null;
    if (!d.parentHint) return { path, desc: d };
    path = d.parentHint.startsWith('/') ? d.parentHint : join(dirname(path), d.parentHint);
  }
  return null;
}

/** Hole-preserving copy of a whole file (GNU cp seeks over holes: large thin disks copy in milliseconds). */
export function sparseCopy(src: string, dst: string): void {
  execFileSync('/usr/bin/cp', ['--sparse=always', src, dst], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Copy [offset, offset+length) of src into a new sparse file. Fast path: a hole-preserving copy whose first
 * `offset` bytes are then cut away (FALLOC_FL_COLLAPSE_RANGE, block-aligned on ext4/xfs); otherwise a chunked copy
 * that skips all-zero chunks.
 */
export function sparseCopyRange(src: string, dst: string, offset: number, length: number): void {
  try {
    sparseCopy(src, dst);
    if (offset > 0) execFileSync('/usr/bin/fallocate', ['--collapse-range', '--offset', '0', '--length', String(offset), dst], { stdio: 'ignore' });
    truncateSync(dst, length);
    return;
  } catch {
    /* filesystem without collapse-range (tmpfs…): fall back to reading */
  }
  const chunk = Buffer.alloc(1 << 20);
  const zero = Buffer.alloc(1 << 20);
  const fin = openSync(src, 'r');
  const fout = openSync(dst, 'w');
  try {
    ftruncateSync(fout, length);
    for (let done = 0; done < length; ) {
      const n = readSync(fin, chunk, 0, Math.min(chunk.length, length - done), offset + done);
      if (n <= 0) break;
      if (chunk.compare(zero, 0, n, 0, n) !== 0) writeSync(fout, chunk, 0, n, done);
      done += n;
    }
  } finally {
    closeSync(fin);
    closeSync(fout);
  }
}
