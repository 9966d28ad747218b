import { z } from 'zod';

/**
 * A ZFS property as the middleware returns it (B4): `{parsed, rawvalue, value, source[, source_info]}`. `parsed`
 * is typed (bytes as int, on/off as bool, datetimes as `{"$date": ms}`), `value` is human text whose size format
 * varies by release (`96K` vs `96 KiB`, unverified), so sizes are read from `parsed`, then `rawvalue`, and the
 * human text only as a last, approximate resort.
 */
export const ZfsProperty = z.object({
  parsed: z.unknown().optional(),
  rawvalue: z.string().nullish(),
  value: z.string().nullish(),
  source: z.string().nullish(),
});
export type ZfsProperty = z.infer<typeof ZfsProperty>;

const UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

export function humanBytes(text: string): number | null {
  const m = /^([\d.]+)\s*([KMGTPE]?)(?:i?B)?$/i.exec(text.trim());
  if (m === null || !/^\d+(?:\.\d+)?$/.test(m[1]!)) return null;
  return Math.round(Number(m[1]) * 1024 ** UNITS.indexOf(m[2]!.toUpperCase()));
}

export function propertyBytes(p: ZfsProperty | undefined): number | null {
  if (p === undefined) return null;
  if (typeof p.parsed === 'number' && Number.isFinite(p.parsed)) return p.parsed;
  if (typeof p.parsed === 'string' && /^\d+$/.test(p.parsed)) return Number(p.parsed);
  if (p.rawvalue != null && /^\d+$/.test(p.rawvalue)) return Number(p.rawvalue);
  return p.value == null ? null : humanBytes(p.value);
}

/** Quotas: 0 / none / unset mean "no quota". */
export function propertyQuota(p: ZfsProperty | undefined): number | null {
  const bytes = propertyBytes(p);
  return bytes === null || bytes === 0 ? null : bytes;
}

export function propertyBoolean(p: ZfsProperty | undefined): boolean | null {
  if (p === undefined) return null;
  if (typeof p.parsed === 'boolean') return p.parsed;
  const v = (p.value ?? p.rawvalue ?? '').toLowerCase();
  return v === 'on' ? true : v === 'off' ? false : null;
}

export function propertyText(p: ZfsProperty | undefined): string | null {
  if (p === undefined) return null;
  return p.value ?? p.rawvalue ?? (typeof p.parsed === 'string' ? p.parsed : null);
}

/** Epoch seconds from `{"$date": ms}`, an epoch in `rawvalue`, or a number. */
export function propertyEpochSeconds(p: ZfsProperty | undefined): number | null {
  if (p === undefined) return null;
  const parsed = p.parsed as { $date?: unknown } | number | undefined;
  if (parsed !== null && typeof parsed === 'object' && typeof parsed.$date === 'number') return parsed.$date / 1000;
  if (typeof parsed === 'number') return parsed;
  if (p.rawvalue != null && /^\d+$/.test(p.rawvalue)) return Number(p.rawvalue);
  return null;
}
