// midclt prints results the way Python does: ints and strings raw, booleans as True/False, everything else as
// json.dumps output (separators ", " and ": ", ASCII-escaped, null for None). Reference B1.
function dumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (Array.isArray(value)) return '[' + value.map(dumps).join(', ') + ']';
  return '{' + Object.entries(value as Record<string, unknown>).map(([k, v]) => `${dumps(k)}: ${dumps(v)}`).join(', ') + '}';
}

function pyFloat(n: number): string {
  const s = String(n);
  return /[.e]/.test(s) ? s : s + '.0';
}

export function formatMidcltResult(result: unknown): string {
  if (typeof result === 'boolean') return result ? 'True' : 'False';
  if (typeof result === 'string') return result;
  if (typeof result === 'number' && Number.isInteger(result)) return String(result);
  return dumps(result);
}

/** datetimes travel as {"$date": ms since epoch} through the middleware's JSON encoder. */
export function pyDate(epochSeconds: number): { $date: number } {
  return { $date: Math.round(epochSeconds * 1000) };
}
