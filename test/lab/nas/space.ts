// Sizes as ZFS reports them: allocated bytes of a dataset's files, the filesystem's free space (which a full share's
// small filesystem really limits), and the `zfs` human format (96K, 1.23G).
import { lstatSync, readdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

export function allocatedBytes(dir: string, skip: (path: string) => boolean = () => false): number {
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
    for (const name of readdirSync(p)) {
      const child = join(p, name);
      if (!skip(child)) walk(child);
    }
  };
  walk(dir);
  return total;
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
