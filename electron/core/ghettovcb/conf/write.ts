import { AppError } from '../../../../shared/errors/app-error.ts';
import { quote } from '../../shell/command.ts';
import { parseConfLine, type ConfDocument, type Quoting } from './parse.ts';

/**
 * Edits a conf document in place of its text: the changed line keeps its indentation, `export`, trailing
 * comment and (when the value allows it) its quote style; every other byte of the file stays as it was.
 * Values are quoted with the shell module, so any string sh can hold round-trips.
 */
export function formatConf(doc: ConfDocument): string {
  return doc.lines.map((l) => l.raw).join('\n');
}

export function encodeConfValue(value: string, prefer: Quoting = 'none'): string {
  if (/[\n\r\0]/.test(value)) {
    throw new AppError('ghettovcb.confValueInvalid', 'A conf value must be a single line without NUL', { value: JSON.stringify(value) });
  }
  if (value === '') return prefer === 'double' ? '""' : '';
  if (prefer === 'double' && !/["$`\\]/.test(value)) return `"${value}"`;
  return quote(value);
}

/** Sets KEY (its last assignment, which is the one sh keeps) or appends `KEY=value` at the end. */
export function setConfValue(doc: ConfDocument, key: string, value: string): ConfDocument {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new AppError('ghettovcb.confKeyInvalid', `Not a shell variable name: ${key}`, { key });
  const lines = [...doc.lines];
  let index = -1;
  lines.forEach((l, i) => {
    if (l.kind === 'assignment' && l.key === key) index = i;
  });
  const target = lines[index];
  if (target !== undefined && target.kind === 'assignment') {
    const encoded = encodeConfValue(value, target.quoting);
    lines[index] = parseConfLine(target.raw.slice(0, target.valueStart) + encoded + target.raw.slice(target.valueEnd));
    return { lines };
  }
  const line = parseConfLine(`${key}=${encodeConfValue(value)}`);
  const last = lines[lines.length - 1];
  // Keep a final newline final: insert before the empty last element that `split('\n')` leaves.
  if (last !== undefined && last.raw === '') lines.splice(lines.length - 1, 0, line);
  else lines.push(line);
  return { lines };
}

export function removeConfKey(doc: ConfDocument, key: string): ConfDocument {
  return { lines: doc.lines.filter((l) => !(l.kind === 'assignment' && l.key === key)) };
}

/** A new conf, keys in the order given, one `KEY=value` a line, ending with a newline. */
export function createConf(values: ReadonlyArray<readonly [string, string]>, header: readonly string[] = []): ConfDocument {
  let doc: ConfDocument = { lines: [...header.map((h) => parseConfLine(`# ${h}`)), parseConfLine('')] };
  for (const [key, value] of values) doc = setConfValue(doc, key, value);
  return doc;
}
