import type { VmInventoryEntry } from '../../../shared/model/vm.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { parseDatastorePath } from './datastore-path.ts';
import { splitLines, throwIfVimFault, unexpectedOutput } from './output.ts';

/**
 * `vim-cmd vmsvc/getallvms` (esxi-truenas.md A1.2). Every cell is padded to its column's width and cells are joined
 * by three spaces, so all rows share the same column starts; the header labels are centred in those same cells.
 * Each label's offset therefore pins its column's start and width to two choices, and the rows pick the layout
 * that fits them. Names and paths may hold spaces, brackets and quotes; annotations may spill onto lines that do not
 * start with a Vmid. Whether ESXi pads by characters or bytes for non-ASCII names is unknown, so a row that does not
 * fit in characters is tried in UTF-8 bytes and code points; a row that fits neither falls back to the anchored
 * regular expression other projects use.
 */
export const getAllVmsCommand = (): ShellCommand => cmd('vim-cmd', 'vmsvc/getallvms');

export interface Inventory {
  vms: VmInventoryEntry[];
  /** Vmids from `Skipping invalid VM '<id>'` lines (either stream). */
  skipped: string[];
  unknownLines: string[];
}

const LABELS = ['Vmid', 'Name', 'File', 'Guest OS', 'Version', 'Annotation'] as const;
const HEADER = /^(\s*)Vmid(\s+)Name(\s+)File(\s+)Guest OS(\s+)Version(\s+)Annotation\s*$/;
const SKIPPING = /^Skipping invalid VM '(\d+)'\s*$/;
const GUTTER = '   ';

/** Column starts c0..c5 (c5 = Annotation) and the widths w0..w4. */
interface Layout {
  starts: number[];
  widths: number[];
}

function labelOffsets(header: string): number[] {
  const offsets: number[] = [];
  let from = 0;
  for (const label of LABELS) {
    const at = header.indexOf(label, from);
    offsets.push(at);
    from = at + label.length;
  }
  return offsets;
}

/** Left padding of a centred label is floor((w - len) / 2): two widths per label, ≤ 32 layouts. */
function candidateLayouts(offsets: number[]): Layout[] {
  const out: Layout[] = [];
  const walk = (col: number, starts: number[], widths: number[]): void => {
    if (col === 5) {
      if (starts[5] !== undefined && offsets[5]! >= starts[5]) out.push({ starts, widths });
      return;
    }
    const start = starts[col]!;
    const pad = offsets[col]! - start;
    if (pad < 0) return;
    for (const w of [2 * pad + LABELS[col]!.length, 2 * pad + LABELS[col]!.length + 1]) {
      walk(col + 1, [...starts, start + w + GUTTER.length], [...widths, w]);
    }
  };
  walk(0, [0], []);
  return out;
}

type Units = string[];

/** The line as slicing units; in byte mode a character occupies its first byte and '' placeholders after it. */
function unitsOf(line: string, mode: 'utf16' | 'codepoint' | 'byte'): Units {
  if (mode === 'utf16') return line.split('');
  const points = [...line];
  if (mode === 'codepoint') return points;
  const encoder = new TextEncoder();
  return points.flatMap((p) => [p, ...Array<string>(encoder.encode(p).length - 1).fill('')]);
}

function cut(units: Units, from: number, to?: number): string | null {
  if (units[from] === '' || (to !== undefined && to < units.length && units[to] === '')) return null;
  return units.slice(from, to).join('');
}

interface Cells {
  vmid: string;
  name: string;
  file: string;
  guestId: string;
  hwVersion: string;
  annotation: string;
}

function fit(units: Units, layout: Layout): Cells | null {
  const [c0, c1, c2, c3, c4, c5] = layout.starts as [number, number, number, number, number, number];
  if (units.length <= c4) return null;
  for (const g of [c1, c2, c3, c4]) if (cut(units, g - 3, g) !== GUTTER) return null;
  if (units.length > c5 && cut(units, c5 - 3, c5) !== GUTTER) return null;
  const cell = (from: number, to: number): string | undefined => cut(units, from, to)?.replace(/ +$/, '');
  const vmid = cell(c0, c1 - 3);
  const name = cell(c1, c2 - 3);
  const file = cell(c2, c3 - 3);
  const guestId = cell(c3, c4 - 3);
  const hwVersion = cell(c4, c5 - 3);
  const annotation = units.length > c5 ? cut(units, c5) : '';
  if (vmid === undefined || name === undefined || file === undefined || guestId === undefined || hwVersion === undefined || annotation === null) return null;
  if (!/^\d+$/.test(vmid) || !/^\[[^\]]*\] .*\.vmx$/s.test(file) || !/^vmx-\d+$/.test(hwVersion) || guestId === '' || /\s/.test(guestId)) return null;
  return { vmid, name, file, guestId, hwVersion, annotation };
}

function fitAnyUnits(line: string, layout: Layout): Cells | null {
  // Printable ASCII cannot differ between the unit systems; anything else tries all three.
  const ascii = !/[^ -~\t]/.test(line);
  for (const mode of ascii ? (['utf16'] as const) : (['utf16', 'byte', 'codepoint'] as const)) {
    const cells = fit(unitsOf(line, mode), layout);
    if (cells !== null) return cells;
  }
  return null;
}

const LOOSE = /^(\d+)\s+(.*?)\s+(\[[^\]]+\] .+?\.vmx)\s+(\S+)\s+(vmx-\d+)(?:\s+(.*))?$/s;

function fitLoose(line: string): Cells | null {
  const m = LOOSE.exec(line);
  return m === null ? null : { vmid: m[1]!, name: m[2]!, file: m[3]!, guestId: m[4]!, hwVersion: m[5]!, annotation: m[6] ?? '' };
}

/** How well a layout explains the rows: rows it fits, then columns whose width is exactly their widest cell. */
function score(layout: Layout, rowLines: string[]): [number, number] {
  const fitted = rowLines.map((l) => fitAnyUnits(l, layout)).filter((c): c is Cells => c !== null);
  let exact = 0;
  const keys = ['vmid', 'name', 'file', 'guestId', 'hwVersion'] as const;
  keys.forEach((k, i) => {
    const widest = Math.max(LABELS[i]!.length, ...fitted.map((c) => c[k].length));
    if (widest === layout.widths[i]) exact += 1;
  });
  return [fitted.length, exact];
}

function bestLayout(header: string, rowLines: string[]): Layout | null {
  let best: Layout | null = null;
  let bestScore: [number, number] = [-1, -1];
  for (const layout of candidateLayouts(labelOffsets(header))) {
    const s = score(layout, rowLines);
    if (s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] > bestScore[1])) {
      best = layout;
      bestScore = s;
    }
  }
  return best;
}

function toEntry(c: Cells): VmInventoryEntry {
  const ds = parseDatastorePath(c.file);
  return {
    vmid: c.vmid,
    name: c.name,
    file: c.file,
    datastore: ds?.datastore ?? '',
    vmxPath: ds?.path ?? c.file,
    guestId: c.guestId,
    hwVersion: c.hwVersion,
    annotation: c.annotation,
  };
}

export function parseGetAllVms(stdout: string, stderr = ''): Inventory {
  const command = 'vim-cmd vmsvc/getallvms';
  throwIfVimFault(command, stdout);
  const skipped: string[] = [];
  const unknownLines: string[] = [];
  for (const line of splitLines(stderr)) {
    const m = SKIPPING.exec(line);
    if (m) skipped.push(m[1]!);
    else if (line.trim() !== '') unknownLines.push(line);
  }
  const lines = splitLines(stdout);
  const headerAt = lines.findIndex((l) => HEADER.test(l));
  if (headerAt < 0) throw unexpectedOutput(command, stdout, 'no getallvms header');
  for (const line of lines.slice(0, headerAt)) {
    const m = SKIPPING.exec(line);
    if (m) skipped.push(m[1]!);
    else if (line.trim() !== '') unknownLines.push(line);
  }
  const body = lines.slice(headerAt + 1);
  const layout = bestLayout(lines[headerAt]!, body.filter((l) => /^\d+\s/.test(l)));
  const vms: Cells[] = [];
  for (const line of body) {
    const skip = SKIPPING.exec(line);
    if (skip) {
      skipped.push(skip[1]!);
      continue;
    }
    const cells = /^\d+\s/.test(line) ? ((layout && fitAnyUnits(line, layout)) ?? fitLoose(line)) : null;
    if (cells !== null) vms.push(cells);
    else if (vms.length > 0) vms[vms.length - 1]!.annotation += '\n' + line;
    else if (line.trim() !== '') unknownLines.push(line);
  }
  // Padding (ASCII blanks) follows the whole annotation, so only its very end carries blanks that are not the user's.
  return { vms: vms.map((c) => toEntry({ ...c, annotation: c.annotation.replace(/ +$/, '') })), skipped, unknownLines };
}
