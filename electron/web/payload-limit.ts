import type { z } from 'zod';
import { methods } from '../../shared/ipc/contract.ts';

/** What zod 4 keeps on every schema, read here only to find the bounds the contract declares. */
interface SchemaDef {
  type: string;
  checks?: { _zod: { def: { check: string; maximum?: number; length?: number } } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The longest a number can be written in JSON (`-1.7976931348623157e+308`). */
const NUMBER_BYTES = 24;
/** One UTF-16 unit costs at most six bytes in JSON text: `\u001f` for a control character, `\udc00` for a lone surrogate. */
const BYTES_PER_UNIT = 6;

function maxLength(def: SchemaDef): number {
  let max = Number.POSITIVE_INFINITY;
  for (const check of def.checks ?? []) {
    const { check: kind, maximum, length } = check._zod.def;
    if (kind === 'max_length' && maximum !== undefined) max = Math.min(max, maximum);
    if (kind === 'length_equals' && length !== undefined) max = Math.min(max, length);
  }
  return max;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * The largest JSON text (in UTF-8 bytes) that `schema` accepts, or Infinity where the schema sets no bound.
 * Keys an object does not declare are not counted: they are stripped or refused, never part of a call.
 */
export function maxJsonBytes(schema: z.ZodType): number {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return 2 + BYTES_PER_UNIT * maxLength(def);
    case 'number':
    case 'int':
    case 'bigint':
      return NUMBER_BYTES;
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'enum':
      return Math.max(...Object.values(def.entries ?? {}).map(jsonBytes));
    case 'literal':
      return Math.max(...(def.values ?? []).map(jsonBytes));
    case 'object': {
      const fields = Object.entries(def.shape ?? {});
      const body = fields.reduce((sum, [key, value]) => sum + jsonBytes(key) + 1 + maxJsonBytes(value), 0);
      return 2 + body + Math.max(0, fields.length - 1);
    }
    case 'array': {
      const items = maxLength(def);
      return items === 0 ? 2 : 2 + items * maxJsonBytes(def.element!) + (items - 1);
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return maxJsonBytes(def.innerType!);
    case 'nullable':
      return Math.max(4, maxJsonBytes(def.innerType!));
    case 'union':
      return Math.max(...(def.options ?? []).map(maxJsonBytes));
    case 'pipe':
      return maxJsonBytes(def.in!);
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/** A request frame around an input: `{"id":…,"name":"…","input":…}`. */
function frameBytes(name: string, inputBytes: number): number {
  return jsonBytes({ id: Number.MAX_SAFE_INTEGER, name, input: null }) - 4 + inputBytes;
}

/** Each method's largest legal request frame; Infinity where its input sets no bound (a string without `.max`). */
export function requestFrameBounds(): Record<string, number> {
  return Object.fromEntries(Object.entries(methods).map(([name, spec]) => [name, frameBytes(name, maxJsonBytes(spec.input))]));
}

/**
 * The WebSocket's message limit: the largest request frame any bounded method of the contract accepts
 * (today `ssh.trust.importKnownHosts`, 4 Mi characters of known_hosts text), so every legal call fits and
 * nothing much larger is ever buffered.
 */
export const MAX_REQUEST_BYTES = Math.max(...Object.values(requestFrameBounds()).filter(Number.isFinite));
