// Sizes as ZFS reports them: the bytes a dataset's files are accounted at, the filesystem's free space (which a full
// share's small filesystem really limits), and the `zfs` human format (96K, 1.23G).
import { lstatSync, readdirSync, statfsSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { readDescriptor } from '../esxi/vmdk.ts';

/** A descriptor is a few hundred bytes; anything larger named .vmdk is an extent and is never read. */
const DESCRIPTOR_MAX = 64 * 1024;

/**
 * The extents a thick disk's descriptor names (no ddb.thinProvisioned, not a snapshot child, not 2gbsparse), with
 * their provisioned size. The lab never writes a thick copy's zeroes: its flat file stays sparse, and the descriptor
 * beside it, which travels with it through renames, copies and deletes, says that those zeroes count.
 */
function thickExtents(dir: string, names: string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (!names.some((n) => n.endsWith('.vmdk'))) return out;
  for (const name of names) {
    if (!name.endsWith('.vmdk')) continue;
    const path = join(dir, name);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    if (!st.isFile() || st.size > DESCRIPTOR_MAX) continue;
    const d = readDescriptor(path);
    if (d === null || d.thin || d.parentHint !== null || d.createType !== 'vmfs') continue;
    for (const e of d.extents) out.set(e.file, e.sectors * 512);
  }
  return out;
}

/**
 * thickExtents per directory, kept while the directory's entries stay as they were (its mtime and ctime): the
 * resident simulator answers every space query of a lab, and would otherwise read every descriptor on the share for
 * each one. Descriptors are written once, under a new name, so a changed descriptor always changes its directory.
 */
const thickCache = new Map<string, { stamp: string; thick: Map<string, number> }>();
const THICK_CACHE_MAX = 20_000;

function cachedThickExtents(dir: string, st: Stats, names: string[]): Map<string, number> {
  const stamp = `${st.mtimeMs}:${st.ctimeMs}`;
  const hit = thickCache.get(dir);
  if (hit?.stamp === stamp) return hit.thick;
  const thick = thickExtents(dir, names);
  if (thickCache.size >= THICK_CACHE_MAX) thickCache.clear();
  thickCache.set(dir, { stamp, thick });
  return thick;
}

function treeBytes(dir: string, skip: (path: string) => boolean, thickAware: boolean): number {
  let total = 0;
  const walk = (p: string): void => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    total += st.blocks * 512;
    if (!st.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(p);
    } catch {
      return;
    }
    const thick = thickAware ? cachedThickExtents(p, st, names) : new Map<string, number>();
    for (const name of names) {
      const child = join(p, name);
      if (skip(child)) continue;
      const provisioned = thick.get(name);
      if (provisioned === undefined) walk(child);
      else {
        try {
          total += Math.max(provisioned, lstatSync(child).blocks * 512);
        } catch {
          // a descriptor naming a missing extent: nothing there to count
        }
      }
    }
  };
  walk(dir);
  return total;
}

/**
 * What a file tree occupies as the lab accounts it: the blocks really allocated, except that a thick disk's flat
 * extent counts at its provisioned size. `skip` leaves out sub-trees (child datasets).
 */
export function accountedBytes(dir: string, skip: (path: string) => boolean = () => false): number {
  return treeBytes(dir, skip, true);
}

/** Blocks really allocated under `dir`: what the lab costs this machine's disk. */
export function allocatedBytes(dir: string): number {
  return treeBytes(dir, () => false, false);
}

export function freeBytes(dir: string): { total: number; free: number; avail: number; bsize: number; files: number; ffree: number } {
  const s = statfsSync(dir);
  return { total: s.blocks * s.bsize, free: s.bfree * s.bsize, avail: s.bavail * s.bsize, bsize: s.bsize, files: s.files, ffree: s.ffree };
}

export function zfsNice(n: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${n}B`;
  if (Number.isInteger(v)) return `${v}${units[i]}`;
  for (const digits of [2, 1, 0]) {
    const s = v.toFixed(digits);
    if (s.length <= 4) return `${s}${units[i]}`;
  }
  return `${Math.round(v)}${units[i]}`;
}
