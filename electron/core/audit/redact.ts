/**
 * Secrets never enter the trail. Redaction happens where an entry is made, before it is hashed or written:
 * values the operation knows are secret (a password typed for this login) are cut out of every string, fields
 * named like a secret lose their value, and private-key blocks are removed wherever they appear.
 */
export const REDACTED = '[redacted]';

const SECRET_FIELD = /passw(or)?d|passphrase|secret|private_?key|privatekey|token|api_?key/i;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const KEY_BLOCK_MARK = 'PRIVATE KEY-----';
/** Shorter known secrets are still removed when they are a whole value, but not from inside other words. */
const MIN_SUBSTRING_SECRET = 4;
/** Field names repeat across entries, so each is matched against the pattern once (up to a bound). */
const secretFields = new Map<string, boolean>();

/** The known secrets of one entry, longest first (so a secret holding another is cut out whole). */
export type KnownSecrets = readonly string[] & { readonly known: true };

const NO_SECRETS = [] as readonly string[] as KnownSecrets;

export function knownSecrets(secrets: readonly string[]): KnownSecrets {
  // Most entries are made knowing no secret: no arrays to build for them.
  if (secrets.length === 0) return NO_SECRETS;
  return secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length) as readonly string[] as KnownSecrets;
}

/** Whether a field named `key` holding `value` loses its value (empty, null and yes/no values say nothing). */
export function isSecretField(key: string, value: unknown): boolean {
  let named = secretFields.get(key);
  if (named === undefined) {
    named = SECRET_FIELD.test(key);
    if (secretFields.size < 10_000) secretFields.set(key, named);
  }
  return named && (typeof value === 'string' ? value.length > 0 : value !== null && value !== undefined && typeof value !== 'boolean');
}

/**
 * Whether redaction could change a value whose JSON text this is: a field named like a secret, or a private-key
 * block, shows in the text as it is (the pattern's letters are never escaped). False means there is nothing to cut
 * unless the entry's maker knows a secret.
 */
export function mayHoldSecret(json: string): boolean {
  return SECRET_FIELD.test(json) || json.includes(KEY_BLOCK_MARK);
}

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.includes(KEY_BLOCK_MARK) ? text.replace(PRIVATE_KEY_BLOCK, REDACTED) : text;
  for (const secret of secrets) {
    if (out === secret) return REDACTED;
    if (secret.length >= MIN_SUBSTRING_SECRET && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
