// busybox `df` as ESXi builds it: a row per mounted volume with its filesystem type in the first column and
// /vmfs/volumes/<name> as the mount point, sizes as the lab accounts them (datastores.ts), never this machine's.
// `-h` prints busybox's human sizes. (Column layout as ESXi 6.7 prints it, from memory of real output: verify.)
import { out } from '../../sim/io.ts';
import { listDatastores, systemVolumes } from '../datastores.ts';
import { readHostState } from '../state.ts';

function human(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? String(n) : `${v.toFixed(1)}${units[i]}`;
}

export async function df(root: string, args: string[]): Promise<number> {
  const humanSizes = args.some((a) => /^-\w*h/.test(a));
  const state = readHostState(root);
  const rows: [string, number, number, string][] = [];
  for (const d of await listDatastores(root, state)) if (d.accessible) rows.push([d.type, d.capacity, d.free, d.name]);
  for (const v of systemVolumes(state)) rows.push([v.type, v.size, v.free, v.name]);
  const size = (n: number): string => (humanSizes ? human(n) : String(n));
  const table = rows.map(([type, total, free, name]) => [type, size(total), size(total - free), size(free), `${total === 0 ? 0 : Math.ceil(((total - free) * 100) / total)}%`, `/vmfs/volumes/${name}`]);
  const head = ['Filesystem', humanSizes ? 'Size' : 'Bytes', 'Used', 'Available', 'Use%', 'Mounted on'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : i === 5 ? c : c.padStart(widths[i]!))).join(' ');
  out([head, ...table].map(line).join('\n') + '\n');
  return 0;
}
