/**
 * Secrets never enter the trail. Redaction happens where an entry is made, before it is hashed or written:
 * values the operation knows are secret (a password typed for this login) are cut out of every string, fields
 * named like a secret lose their value, and private-key blocks are removed wherever they appear.
 */
export const REDACTED = '[redacted]';

const SECRET_FIELD = /passw(or)?d|passphrase|secret|private_?key|privatekey|token|api_?key/i;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
/** Shorter known secrets are still removed when they are a whole value, but not from inside other words. */
const MIN_SUBSTRING_SECRET = 4;

export function redact<T>(value: T, secrets: readonly string[] = []): T {
  const known = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return walk(value, known) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) && (typeof v === 'string' ? v.length > 0 : v !== null && v !== undefined && typeof v !== 'boolean') ? REDACTED : walk(v, secrets);
  }
  return out;
}

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.includes('PRIVATE KEY-----') ? text.replace(PRIVATE_KEY_BLOCK, REDACTED) : text;
  for (const secret of secrets) {
    if (out === secret) return REDACTED;
    if (secret.length >= MIN_SUBSTRING_SECRET && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
