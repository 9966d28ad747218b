import { splitLines } from './output.ts';

/**
 * esxcli "Key: value" records (`system version get`, `hostname get`, `advanced list -o`, `vib get`): each field on
 * its own line, indented three spaces. `vib get` puts the VIB id on an unindented line first.
 */
export interface KeyValues {
  heading: string | null;
  values: Map<string, string>;
  unknownLines: string[];
}

const FIELD = /^\s+([^:]+?):(?: (.*))?$/;

export function parseKeyValues(text: string): KeyValues {
  const values = new Map<string, string>();
  const unknownLines: string[] = [];
  let heading: string | null = null;
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const m = FIELD.exec(line);
    if (m !== null) {
      if (!values.has(m[1]!)) values.set(m[1]!, m[2] ?? '');
    } else if (heading === null && values.size === 0 && !/^\s/.test(line)) {
      heading = line.replace(/:$/, '');
    } else {
      unknownLines.push(line);
    }
  }
  return { heading, values, unknownLines };
}
