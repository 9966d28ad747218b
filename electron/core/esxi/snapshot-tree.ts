import type { SnapshotNode, SnapshotPowerState } from '../../../shared/model/snapshot.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { splitLines, throwIfVimFault, unexpectedOutput } from './output.ts';
import { checkVmid } from './vmid.ts';

/**
 * `vim-cmd vmsvc/snapshot.get <vmid>` (esxi-truenas.md A1.5): `Get Snapshot:` alone means none; otherwise
 * `|-ROOT` / `--|-CHILD` markers and field lines whose 2·depth dashes give the node's depth. VMware spells
 * "Desciption"; Ids are missing on ESXi ≤ 5.0. Sibling rendering has not been captured, so a node is also
 * started by a repeated `Snapshot Name` at a depth that already has one, and depth always comes from the dashes.
 * The same tree follows `Remove Snapshot:` / `Revert Snapshot:`.
 */
export const snapshotGetCommand = (vmid: string | number): ShellCommand => cmd('vim-cmd', 'vmsvc/snapshot.get', checkVmid(vmid));

export interface SnapshotTree {
  heading: string;
  roots: SnapshotNode[];
  unknownLines: string[];
}

const HEADING = /^(Get|Remove|Revert|Create) Snapshot:\s*$/;
const MARKER = /^([-| ]*)\|-(ROOT|CHILD)\s*$/;
const FIELD = /^(-*)Snapshot (Name|Id|Desciption|Description|Created On|State)\s*: ?(.*)$/;

const STATES: Record<string, SnapshotPowerState> = { 'powered on': 'poweredOn', 'powered off': 'poweredOff', suspended: 'suspended' };

/** `10/4/2026 19:0:52` → `2026-10-04T19:00:52`. */
export function snapshotDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(text.trim());
  if (m === null) return null;
  const two = (s: string): string => s.padStart(2, '0');
  return `${m[3]}-${two(m[1]!)}-${two(m[2]!)}T${two(m[4]!)}:${two(m[5]!)}:${two(m[6]!)}`;
}

function newNode(depth: number): SnapshotNode {
  return { name: '', id: null, description: '', createdOn: '', created: null, state: 'other', stateText: '', depth, children: [] };
}

export function parseSnapshotTree(text: string): SnapshotTree {
  const command = 'vim-cmd vmsvc/snapshot.get';
  throwIfVimFault(command, text);
  const lines = splitLines(text);
  const headingAt = lines.findIndex((l) => HEADING.test(l));
  if (headingAt < 0) throw unexpectedOutput(command, text, 'no "Get Snapshot:" line');
  const unknownLines = lines.slice(0, headingAt).filter((l) => l.trim() !== '');
  const roots: SnapshotNode[] = [];
  /** Last node seen at each depth (index = depth). */
  const lastAt: SnapshotNode[] = [];
  let pending: 'ROOT' | 'CHILD' | null = null;
  let current: SnapshotNode | null = null;
  let lastField: string | null = null;

  const place = (node: SnapshotNode): void => {
    const parent = node.depth > 1 ? lastAt[node.depth - 1] : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
    lastAt[node.depth] = node;
    lastAt.length = node.depth + 1;
  };

  for (const line of lines.slice(headingAt + 1)) {
    const marker = MARKER.exec(line);
    if (marker) {
      pending = marker[2] as 'ROOT' | 'CHILD';
      lastField = null;
      continue;
    }
    const f = FIELD.exec(line);
    if (f === null) {
      // Descriptions are printed raw, so a multi-line one continues on lines that match nothing.
      if (current !== null && lastField === 'Desciption') current.description += '\n' + line;
      else if (line.trim() !== '') unknownLines.push(line);
      continue;
    }
    const depth = Math.max(1, Math.floor(f[1]!.length / 2));
    const label = f[2] === 'Description' ? 'Desciption' : f[2]!;
    const value = f[3]!;
    if (current === null || pending !== null || label === 'Name') {
      current = newNode(depth);
      place(current);
      pending = null;
    }
    lastField = label;
    switch (label) {
      case 'Name':
        current.name = value;
        break;
      case 'Id':
        current.id = /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
        break;
      case 'Desciption':
        current.description = value;
        break;
      case 'Created On':
        current.createdOn = value.trim();
        current.created = snapshotDate(value);
        break;
      case 'State':
        current.stateText = value.trim();
        current.state = STATES[value.trim().toLowerCase()] ?? 'other';
        break;
    }
  }
  return { heading: lines[headingAt]!.trim(), roots, unknownLines };
}

export function flattenSnapshots(roots: readonly SnapshotNode[]): SnapshotNode[] {
  return roots.flatMap((r) => [r, ...flattenSnapshots(r.children)]);
}
