// vim-cmd's pretty-printer for data objects (esxi-truenas.md A1.1, ESXi 7/8 style): 3-space indent, `, ` after
// every field except the last of a block, `(type) {` blocks, `(type) [` arrays, <unset> and null objects.
// ESXi <= 6.0 also prints `dynamicType = <unset>` first and a comma after every field.

export type Value =
  | { kind: 'raw'; text: string }
  | { kind: 'obj'; type: string; fields: [string, Value][] }
  | { kind: 'arr'; type: string; items: Value[] };

export const str = (s: string): Value => ({ kind: 'raw', text: `"${s}"` });
export const raw = (s: string | number | boolean): Value => ({ kind: 'raw', text: String(s) });
export const unset: Value = { kind: 'raw', text: '<unset>' };
export const ref = (s: string): Value => ({ kind: 'raw', text: `'${s}'` });
export const nul = (type: string): Value => ({ kind: 'raw', text: `(${type}) null` });
export const obj = (type: string, fields: [string, Value][]): Value => ({ kind: 'obj', type, fields });
export const arr = (type: string, items: Value[]): Value => ({ kind: 'arr', type, items });

export interface Style {
  legacy: boolean;
}

function render(v: Value, depth: number, style: Style): string[] {
  const ind = '   '.repeat(depth + 1);
  const close = '   '.repeat(depth);
  if (v.kind === 'raw') return [v.text];
  if (v.kind === 'arr') {
    if (v.items.length === 0) return [`(${v.type}) []`];
    const out = [`(${v.type}) [`];
    v.items.forEach((item, i) => {
      const lines = render(item, depth + 1, style);
      const last = i === v.items.length - 1;
      lines[0] = ind + lines[0]!;
      if (!last || style.legacy) lines[lines.length - 1] += ', ';
      out.push(...lines);
    });
    out.push(`${close}]`);
    return out;
  }
  const fields: [string, Value][] = style.legacy ? [['dynamicType', unset], ...v.fields] : v.fields;
  const out = [`(${v.type}) {`];
  fields.forEach(([k, val], i) => {
    const lines = render(val, depth + 1, style);
    lines[0] = `${ind}${k} = ${lines[0]!}`;
    if (i < fields.length - 1 || style.legacy) lines[lines.length - 1] += ', ';
    out.push(...lines);
  });
  out.push(`${close}}`);
  return out;
}

export function formatValue(v: Value, style: Style): string {
  return render(v, 0, style).join('\n') + '\n';
}

/** Style by ESXi version: captures show the legacy punctuation up to 6.0. */
export function styleFor(version: string): Style {
  const [maj = 0, min = 0] = version.split('.').map(Number);
  return { legacy: maj < 6 || (maj === 6 && min === 0) };
}
