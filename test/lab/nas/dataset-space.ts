// A dataset's used and available bytes as ZFS would report them, from the lab's accounting (space.ts) instead of the
// machine's real free disk: the pool has the capacity its topology gives it, a quota caps a dataset, and a share
// made full by the lab (an overlay on a small tmpfs, nas-faults.ts) has what that tmpfs has left.
import { statfsSync } from 'node:fs';
import { accountedBytes } from './space.ts';
import { realPath, type NasDataset, type NasState } from './state.ts';

/** A school's TrueNAS when a state file names no pool size (four 4 TB disks in RAIDZ1, roughly). */
export const DEFAULT_POOL_BYTES = 10 * 1024 ** 4;

export interface DatasetSpace {
  /** The dataset and its children (ZFS `used`). */
  used: number;
  /** The dataset's own files (ZFS `usedbydataset`, what statfs counts as the filesystem's used blocks). */
  usedByDataset: number;
  available: number;
}

function dirOf(state: NasState, name: string): string {
  return realPath(state, `/mnt/${name}`) ?? '';
}

/** f_type of the dataset's directory; a full share's overlay differs from the pool's own filesystem. */
function faultLimit(state: NasState, dir: string): number {
  try {
    const here = statfsSync(dir);
    return here.type === statfsSync(state.mntDir).type ? Number.POSITIVE_INFINITY : here.bavail * here.bsize;
  } catch {
    return 0;
  }
}

/**
 * Computes every dataset's figures from one walk per dataset; the pool's use is measured once per call, so a query over
 * many datasets does not walk the pool again for each.
 */
export function spaceOf(state: NasState): (d: NasDataset) => DatasetSpace {
  const pools = new Map<string, number>();
  const poolUsed = (name: string): number => {
    const pool = name.split('/')[0] ?? name;
    let used = pools.get(pool);
    if (used === undefined) pools.set(pool, (used = accountedBytes(dirOf(state, pool))));
    return used;
  };
  return (d) => {
    const dir = dirOf(state, d.name);
    const childDirs = new Set(state.datasets.filter((x) => x.name.startsWith(d.name + '/')).map((x) => dirOf(state, x.name)));
    const used = accountedBytes(dir);
    const usedByDataset = childDirs.size === 0 ? used : accountedBytes(dir, (p) => childDirs.has(p));
    const limits = [Math.max(0, (state.poolBytes ?? DEFAULT_POOL_BYTES) - poolUsed(d.name)), faultLimit(state, dir)];
    if (d.quota > 0) limits.push(Math.max(0, d.quota - used));
    if (d.refquota > 0) limits.push(Math.max(0, d.refquota - usedByDataset));
    return { used, usedByDataset, available: Math.min(...limits) };
  };
}

/** The dataset a NAS path lives in (longest mountpoint prefix). */
export function datasetOfPath(state: NasState, nasPath: string): NasDataset | null {
  const matching = state.datasets.filter((d) => nasPath === `/mnt/${d.name}` || nasPath.startsWith(`/mnt/${d.name}/`));
  return matching.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}

/** statfs of a path as ZFS answers it: the filesystem is the dataset's own files plus what it may still use. */
export function pathSpace(state: NasState, nasPath: string): { total: number; available: number } | null {
  const d = datasetOfPath(state, nasPath);
  return d === null ? null : datasetSpace(state, d);
}

/** statfs of a dataset's own mountpoint. */
export function datasetSpace(state: NasState, d: NasDataset): { total: number; available: number } {
  const s = spaceOf(state)(d);
  return { total: s.usedByDataset + s.available, available: s.available };
}
