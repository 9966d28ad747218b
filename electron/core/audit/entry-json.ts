import { isSecretField, mayHoldSecret, REDACTED, redactText, type KnownSecrets } from './redact.ts';

/**
 * A value of an entry as the JSON text the trail stores, with secrets redacted (redact.ts). The hash covers that
 * text as stored, so no canonical key order is needed. Most entries hold nothing to redact, and their plain
 * `JSON.stringify` text shows it (no secret-like field name, no key block, no known secret): that text is kept.
 * Otherwise one walk redacts and the walked value is serialised. `undefined` fields are dropped either way, as
 * JSON drops them. The value comes back too (the caller's own when nothing was redacted), so the caller need not
 * parse the text again.
 */
export function entryJson(value: unknown, secrets: KnownSecrets): { text: string; value: unknown } {
  const plain = JSON.stringify(value);
  if (secrets.length === 0 && !mayHoldSecret(plain)) return { text: plain, value };
  const cleaned = clean(value, secrets);
  return { text: JSON.stringify(cleaned), value: cleaned };
}

function clean(value: unknown, secrets: KnownSecrets): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => clean(v, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined) out[key] = isSecretField(key, v) ? REDACTED : clean(v, secrets);
  }
  return out;
}
