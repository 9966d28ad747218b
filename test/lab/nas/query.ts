// The middleware's query filters and options: [[field, op, value], …] and {get, count, select, limit, offset, order_by}.
import { fail } from './errors.ts';

type Row = Record<string, unknown>;

function field(row: Row, path: string): unknown {
  let cur: unknown = row;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Row)[key];
  }
  return cur;
}

function matches(row: Row, filter: unknown): boolean {
  if (!Array.isArray(filter)) return true;
  if (filter.length === 2 && filter[0] === 'OR' && Array.isArray(filter[1])) {
    return (filter[1] as unknown[]).some((f) => matches(row, f));
  }
  const [name, op, value] = filter as [string, string, unknown];
  const actual = field(row, name);
  switch (op) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '>':
      return (actual as number) > (value as number);
    case '<':
      return (actual as number) < (value as number);
    case '>=':
      return (actual as number) >= (value as number);
    case '<=':
      return (actual as number) <= (value as number);
    case 'in':
      return Array.isArray(value) && value.includes(actual);
    case 'nin':
      return Array.isArray(value) && !value.includes(actual);
    case 'rin':
      return Array.isArray(actual) && actual.includes(value);
    case 'rnin':
      return Array.isArray(actual) && !actual.includes(value);
    case '^':
      return typeof actual === 'string' && actual.startsWith(String(value));
    case '$':
      return typeof actual === 'string' && actual.endsWith(String(value));
    case '~':
      return typeof actual === 'string' && new RegExp(String(value)).test(actual);
    default:
      return fail('ALL', `Invalid operation: ${op}`);
  }
}

export interface QueryOptions {
  get?: boolean;
  count?: boolean;
  select?: string[];
  limit?: number;
  offset?: number;
  order_by?: string[];
  extra?: Record<string, unknown>;
}

export function applyQuery(rows: Row[], filters: unknown, options: QueryOptions | undefined): unknown {
  const opts = options ?? {};
  let out = rows.filter((r) => (Array.isArray(filters) ? filters.every((f) => matches(r, f)) : true));
  for (const key of [...(opts.order_by ?? [])].reverse()) {
    const desc = key.startsWith('-');
    const name = desc ? key.slice(1) : key;
    out = [...out].sort((a, b) => {
      const x = field(a, name) as number | string;
      const y = field(b, name) as number | string;
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
  }
  if (opts.count) return out.length;
  out = out.slice(opts.offset ?? 0, opts.limit ? (opts.offset ?? 0) + opts.limit : undefined);
  if (opts.select) {
    const select = opts.select;
    out = out.map((r) => Object.fromEntries(select.map((k) => [k, field(r, k)])));
  }
  if (opts.get) {
    if (out.length === 0) fail('ALL', 'Object was not found', 'ENOENT');
    return out[0];
  }
  return out;
}
