// `vim-cmd vmsvc/snapshot.get` tree (esxi-truenas.md A1.5): 2d dashes before the fields at depth d, `|-ROOT` for
// roots, 2(d-1) dashes + `|-CHILD` for children, VMware's "Desciption" typo and its exact label padding.
import { snapshotDate } from '../clock.ts';
import type { SnapshotNode } from '../state.ts';

function node(n: SnapshotNode, depth: number, out: string[]): void {
  const d = '-'.repeat(2 * depth);
  out.push(depth === 1 ? '|-ROOT' : `${'-'.repeat(2 * (depth - 1))}|-CHILD`);
  out.push(`${d}Snapshot Name        : ${n.name}`);
  out.push(`${d}Snapshot Id        : ${n.id}`);
  out.push(`${d}Snapshot Desciption  : ${n.description}`);
  out.push(`${d}Snapshot Created On  : ${snapshotDate(n.createdOn)}`);
  out.push(`${d}Snapshot State       : ${n.state}`);
  for (const c of n.children) node(c, depth + 1, out);
}

export function formatSnapshotTree(heading: string, roots: SnapshotNode[]): string {
  const out = [heading];
  for (const r of roots) node(r, 1, out);
  return out.join('\n') + '\n';
}
