import { isSecretField, REDACTED, redactText, type KnownSecrets } from './redact.ts';

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same value always hashes the same,
 * whichever order its fields were built in, with secrets redacted on the way (redact.ts): one walk does both,
 * since every append walks its entry's data. `undefined` fields are dropped, as JSON.stringify does. The cleaned
 * value comes back too, so the caller need not parse the text again.
 */
export function canonicalJson(value: unknown, secrets: KnownSecrets): { text: string; value: unknown } {
  const cleaned = clean(value, secrets);
  return { text: JSON.stringify(cleaned), value: cleaned };
}

function clean(value: unknown, secrets: KnownSecrets): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => clean(v, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = isSecretField(key, v) ? REDACTED : clean(v, secrets);
  }
  return out;
}
