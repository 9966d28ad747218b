import { hash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** The columns a hash covers, in hashing order (verify selects them so, then prev_hash and hash). */
export const CHAINED_COLUMNS = 'seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data';

/**
 * An entry's stored hash names the format of what it covers, so entries written by an older Custode still verify:
 *
 * - format 2 (written now), `v2:` and 64 hex digits: SHA-256 of the previous entry's hash, a newline, then each
 *   column in `CHAINED_COLUMNS` order: `-` for null, `n<number>;` for a number, `s<length>:<text>` for text (the
 *   length in UTF-16 code units, as JavaScript counts it). Nothing is escaped, so the JSON columns are hashed as
 *   stored, byte for byte.
 * - format 1, 64 hex digits alone: SHA-256 of the previous hash, a newline, and the JSON array of the columns.
 *   JSON-encoding the JSON columns escaped every quote in them a second time, which cost more than the hash.
 *
 * Either way changing any byte of a row, or deleting a row (the next one then names a hash that is no longer
 * there), breaks the chain at that point; an entry's format can only be changed with its hash, which the next
 * entry holds.
 */
const FORMAT_2 = 'v2:';
const FORMAT_1 = /^[0-9a-f]{64}$/;

/** The hash of a new entry (format 2) after `prevHash`, over its columns in `CHAINED_COLUMNS` order. */
export function entryHash(prevHash: string, columns: readonly unknown[]): string {
  // The one-shot hash: a Hash object per entry costs more than the hashing itself.
  return FORMAT_2 + hash('sha256', formatTwoInput(prevHash, columns), 'hex');
}

/** Whether `stored` is the hash of these columns after `prevHash`, in the format `stored` names. */
export function hashMatches(stored: string, prevHash: string, columns: readonly unknown[]): boolean {
  if (stored.startsWith(FORMAT_2)) return entryHash(prevHash, columns) === stored;
  if (FORMAT_1.test(stored)) return hash('sha256', `${prevHash}\n${JSON.stringify(columns)}`, 'hex') === stored;
  return false;
}

function formatTwoInput(prevHash: string, columns: readonly unknown[]): string {
  let text = `${prevHash}\n`;
  for (const c of columns) {
    if (c === null) text += '-';
    else if (typeof c === 'number') text += `n${c};`;
    else {
      const s = String(c);
      text += `s${s.length}:${s}`;
    }
  }
  return text;
}
