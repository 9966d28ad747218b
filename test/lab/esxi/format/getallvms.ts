// `vim-cmd vmsvc/getallvms` layout (esxi-truenas.md A1.2): labels centred, values left-justified, 3-space gutters,
// every cell padded (so rows carry trailing blanks), rows sorted by Vmid compared as strings.

export interface InventoryRow {
  vmid: string;
  name: string;
  file: string;
  guestOs: string;
  version: string;
  annotation: string;
}

const LABELS = ['Vmid', 'Name', 'File', 'Guest OS', 'Version', 'Annotation'] as const;

function centre(label: string, width: number): string {
  const left = Math.floor((width - label.length) / 2);
  return ' '.repeat(left) + label + ' '.repeat(width - label.length - left);
}

/** `width` measures a value; ESXi's own unit (UTF-16 units or UTF-8 bytes) is unknown, so tests can try both. */
export function formatGetAllVms(rows: InventoryRow[], width: (value: string) => number = (v) => v.length): string {
  const sorted = [...rows].sort((a, b) => (a.vmid < b.vmid ? -1 : a.vmid > b.vmid ? 1 : 0));
  const cells = sorted.map((r) => [r.vmid, r.name, r.file, r.guestOs, r.version, r.annotation]);
  const widths = LABELS.map((l, i) => Math.max(l.length, ...cells.map((c) => width(c[i]!))));
  const lines = [LABELS.map((l, i) => centre(l, widths[i]!)).join('   ')];
  for (const c of cells) lines.push(c.map((v, i) => v + ' '.repeat(widths[i]! - width(v))).join('   '));
  return lines.join('\n') + '\n';
}
