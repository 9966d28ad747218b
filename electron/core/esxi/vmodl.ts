import { splitLines, throwIfVimFault, unexpectedOutput } from './output.ts';

/**
 * vim-cmd's pretty-printed data objects (esxi-truenas.md A1.1): `(type) {` objects, `(type) [` arrays, 3-space
 * indent, `<unset>`, `'moref'`, `"strings"` printed raw (inner quotes are not escaped), and a `, ` separator that
 * ESXi ≤ 6.0 also puts after the last field. Both punctuation styles read the same. Lines that fit no rule (the
 * `...` of edited captures, a block folded on one line) are kept, not fatal.
 */
export interface VmodlRef {
  kind: 'ref';
  id: string;
}
export interface VmodlObject {
  kind: 'object';
  type: string;
  fields: Record<string, VmodlValue>;
}
export interface VmodlArray {
  kind: 'array';
  type: string;
  items: VmodlValue[];
}
/** A value this reader does not decompose (e.g. `(T) { ... }` folded on one line). */
export interface VmodlRaw {
  kind: 'raw';
  text: string;
}
export type VmodlValue = null | string | number | boolean | VmodlRef | VmodlObject | VmodlArray | VmodlRaw;

export interface VmodlDocument {
  heading: string | null;
  root: VmodlObject | VmodlArray;
  unknownLines: string[];
}

const OPEN_OBJECT = /^\(([^()]+)\) \{$/;
const OPEN_ARRAY = /^\(([^()]+)\) \[$/;
const EMPTY_ARRAY = /^\(([^()]+)\) \[\]$/;
const NULL_OBJECT = /^\(([^()]+)\) null$/;
const FIELD = /^([A-Za-z_$][\w$]*) = (.*)$/;

function stripSeparator(s: string): string {
  return s.replace(/,\s*$/, '').trimEnd();
}

function scalar(text: string): VmodlValue {
  if (text === '<unset>') return null;
  if (NULL_OBJECT.test(text)) return null;
  const empty = EMPTY_ARRAY.exec(text);
  if (empty) return { kind: 'array', type: empty[1]!, items: [] };
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return { kind: 'ref', id: text.slice(1, -1) };
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n) || !/^-?\d+$/.test(text)) return n;
  }
  return { kind: 'raw', text };
}

type Frame = VmodlObject | VmodlArray;

export function parseVmodl(text: string, command: string): VmodlDocument {
  throwIfVimFault(command, text);
  const lines = splitLines(text);
  const unknownLines: string[] = [];
  let heading: string | null = null;
  let i = 0;
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (t.startsWith('(')) break;
    if (heading === null && t.endsWith(':')) heading = t.slice(0, -1);
    else unknownLines.push(lines[i]!);
  }
  const first = i < lines.length ? stripSeparator(lines[i]!.trim()) : '';
  const rootObject = OPEN_OBJECT.exec(first);
  const rootArray = OPEN_ARRAY.exec(first);
  const rootEmpty = EMPTY_ARRAY.exec(first);
  let root: Frame;
  if (rootObject) root = { kind: 'object', type: rootObject[1]!, fields: {} };
  else if (rootArray) root = { kind: 'array', type: rootArray[1]!, items: [] };
  else if (rootEmpty) return { heading, root: { kind: 'array', type: rootEmpty[1]!, items: [] }, unknownLines };
  else throw unexpectedOutput(command, text, 'no data object');

  const stack: Frame[] = [root];
  for (i += 1; i < lines.length && stack.length > 0; i++) {
    const line = lines[i]!;
    let t = stripSeparator(line.trim());
    if (t === '') continue;
    const top = stack[stack.length - 1]!;
    if (t === '}' || t === ']') {
      stack.pop();
      continue;
    }
    let key: string | null = null;
    if (top.kind === 'object') {
      const f = FIELD.exec(t);
      if (f === null) {
        unknownLines.push(line);
        continue;
      }
      key = f[1]!;
      t = f[2]!;
      // A string whose text holds newlines continues on the next lines until one ends with its closing quote.
      if (t.startsWith('"') && (t.length === 1 || !t.endsWith('"'))) {
        let joined = line.trim().slice(line.trim().indexOf('= ') + 2);
        while (i + 1 < lines.length && !stripSeparator(joined).endsWith('"')) joined += '\n' + lines[++i]!;
        t = stripSeparator(joined);
      }
    }
    let value: VmodlValue;
    const obj = OPEN_OBJECT.exec(t);
    const arr = OPEN_ARRAY.exec(t);
    if (obj) value = { kind: 'object', type: obj[1]!, fields: {} };
    else if (arr) value = { kind: 'array', type: arr[1]!, items: [] };
    else value = scalar(t);
    if (top.kind === 'object') top.fields[key!] = value;
    else top.items.push(value);
    if (obj || arr) stack.push(value as Frame);
  }
  for (; i < lines.length; i++) if (lines[i]!.trim() !== '') unknownLines.push(lines[i]!);
  return { heading, root, unknownLines };
}

/** `get(obj, 'runtime.powerState')`; undefined when a step is missing or not an object. */
export function vmodlGet(value: VmodlValue | undefined, path: string): VmodlValue | undefined {
  let v: VmodlValue | undefined = value;
  for (const step of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object' || v.kind !== 'object') return undefined;
    v = v.fields[step];
  }
  return v;
}

export function vmodlString(value: VmodlValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && value.kind === 'ref') return value.id;
  return null;
}

export function vmodlNumber(value: VmodlValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

export function vmodlBoolean(value: VmodlValue | undefined): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function vmodlObjects(value: VmodlValue | undefined): VmodlObject[] {
  if (value === null || value === undefined || typeof value !== 'object' || value.kind !== 'array') return [];
  return value.items.filter((x): x is VmodlObject => x !== null && typeof x === 'object' && x.kind === 'object');
}
