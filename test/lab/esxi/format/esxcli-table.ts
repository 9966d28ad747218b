// esxcli text tables (esxi-truenas.md A2.1): 2-space gutters, dashed rule, strings left-aligned, booleans and
// integers right-aligned together with their header cell. Rows end without trailing blanks (captures are trimmed).

export type Cell = string | number | boolean;

export interface Column {
  header: string;
  /** Right-align (booleans and integers). */
  right?: boolean;
}

export function formatTable(columns: Column[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => String(c)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...text.map((r) => r[i]!.length)));
  const pad = (v: string, i: number): string =>
    columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!);
  const line = (cells: string[]): string => cells.map(pad).join('  ').trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of text) out.push(line(r));
  return out.join('\n') + '\n';
}

/** "Key: value" records, 3-space indent (system version get, hostname get, advanced list). */
export function formatKeyValues(record: [string, Cell][]): string {
  return record.map(([k, v]) => `   ${k}: ${String(v)}\n`).join('');
}
