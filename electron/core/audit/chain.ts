import { hash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** The columns a hash covers, in hashing order, with what the schema lets each hold. */
const CHAINED: readonly (readonly [column: string, holds: 'number' | 'text' | 'text or null'])[] = [
  ['seq', 'number'],
  ['id', 'text'],
  ['at', 'number'],
  ['user', 'text'],
  ['workstation', 'text'],
  ['kind', 'text'],
  ['operation_id', 'text or null'],
  ['subject', 'text'],
  ['title', 'text'],
  ['target', 'text'],
  ['host_ids', 'text'],
  ['reason', 'text or null'],
  ['outcome', 'text or null'],
  ['data', 'text'],
];

/** The chained columns as a select list (verify selects them so, then prev_hash and hash). */
export const CHAINED_COLUMNS = CHAINED.map(([column]) => column).join(', ');

/**
 * An entry's stored hash names the format of what it covers, so entries written by an older Custode still verify:
 *
 * - format 3 (written now), `v3:` and 64 hex digits: SHA-256 of the previous entry's hash, a newline, then each
 *   column in `CHAINED_COLUMNS` order: `-` for null, `n<number>;` for a number, `s<length>:<text>` for text, the
 *   length in UTF-8 bytes. Nothing is escaped, so the JSON columns are hashed as stored, byte for byte; and since
 *   SQLite counts bytes too, it can build the same input itself (`FORMAT_3_SQL_PARTS`), which lets verify read one
 *   value per entry instead of sixteen.
 * - format 2, `v2:` and 64 hex digits: the same, the text lengths in UTF-16 code units (as JavaScript counts them).
 * - format 1, 64 hex digits alone: SHA-256 of the previous hash, a newline, and the JSON array of the columns.
 *   JSON-encoding the JSON columns escaped every quote in them a second time, which cost more than the hash.
 *
 * Either way changing any byte of a row, or deleting a row (the next one then names a hash that is no longer
 * there), breaks the chain at that point; an entry's format can only be changed with its hash, which the next
 * entry holds.
 */
export const FORMAT_3 = 'v3:';
const FORMAT_2 = 'v2:';
const FORMAT_1 = /^[0-9a-f]{64}$/;

/**
 * Format 3's input as SQLite builds it from a row of audit_entries: the arguments of a `concat` that gives the bytes
 * `formatInput(prevHash, columns, true)` writes for the same values (`concat` skips nulls, so a null column leaves
 * only its `-`). Columns the schema keeps from null are framed without asking; a null there anyway (a table rebuilt
 * without its constraints) frames as `s:`, which no entry was hashed with, so that row is simply not proven.
 */
export const FORMAT_3_SQL_PARTS = `prev_hash, char(10), ${CHAINED.map(([c, holds]) =>
  holds === 'number' ? `'n', ${c}, ';'` : holds === 'text' ? `'s', octet_length(${c}), ':', ${c}` : `coalesce('s' || octet_length(${c}) || ':', '-'), ${c}`,
).join(', ')}`;

/** The hash of a new entry (format 3) after `prevHash`, over its columns in `CHAINED_COLUMNS` order. */
export function entryHash(prevHash: string, columns: readonly unknown[]): string {
  // The one-shot hash: a Hash object per entry costs more than the hashing itself.
  return FORMAT_3 + hash('sha256', formatInput(prevHash, columns, true), 'hex');
}

/** Whether `stored` is the hash of these columns after `prevHash`, in the format `stored` names. */
export function hashMatches(stored: string, prevHash: string, columns: readonly unknown[]): boolean {
  if (stored.startsWith(FORMAT_3)) return entryHash(prevHash, columns) === stored;
  if (stored.startsWith(FORMAT_2)) return FORMAT_2 + hash('sha256', formatInput(prevHash, columns, false), 'hex') === stored;
  if (FORMAT_1.test(stored)) return hash('sha256', `${prevHash}\n${JSON.stringify(columns)}`, 'hex') === stored;
  return false;
}

/**
 * The input of format 3 (text lengths in bytes) or 2 (in UTF-16 code units) as UTF-8 bytes, written piece by piece
 * into one reused buffer: the same bytes as encoding the input string, without building that string. Joining the
 * pieces made a rope that the hash had to flatten, and a single two-byte character anywhere (a typographic
 * apostrophe in the reason) made the whole input a two-byte string, slower to encode; here each column is encoded
 * on its own. Hashing is synchronous, so one buffer serves.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);
/** The largest buffer kept between entries; a larger entry gets one of its own. */
const KEEP = 1 << 20;
const DASH = 0x2d;
const LETTER_N = 0x6e;
const LETTER_S = 0x73;
const SEMICOLON = 0x3b;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function formatInput(prevHash: string, columns: readonly unknown[], byteLengths: boolean): Buffer {
  // At most 3 UTF-8 bytes per UTF-16 code unit, and a prefix of a letter, up to 22 characters of number and a colon.
  let bound = 3 * prevHash.length + 1;
  for (const c of columns) bound += typeof c === 'string' ? 3 * c.length + 24 : 48;
  const buf = bound <= scratch.length ? scratch : bound <= KEEP ? (scratch = Buffer.allocUnsafe(KEEP)) : Buffer.allocUnsafe(bound);
  let at = buf.write(prevHash, 0);
  buf[at++] = NEWLINE;
  for (const c of columns) {
    if (c === null) buf[at++] = DASH;
    else if (typeof c === 'number') {
      buf[at++] = LETTER_N;
      at = writeNumber(buf, at, c);
      buf[at++] = SEMICOLON;
    } else {
      const s = String(c);
      buf[at++] = LETTER_S;
      at = byteLengths ? writeSized(buf, at, s) : writeNumber(buf, at, s.length);
      if (!byteLengths) {
        buf[at++] = COLON;
        at += buf.write(s, at);
      }
    }
  }
  return buf.subarray(0, at);
}

/**
 * `<UTF-8 length>:<text>` at `at`. The length is known only once the text is written, so the text goes where a
 * length with as many digits as its UTF-16 length would put it (right for ASCII), and moves when that guess was short.
 */
function writeSized(buf: Buffer, at: number, s: string): number {
  const guess = digits(s.length);
  const start = at + guess + 1;
  const bytes = buf.write(s, start);
  const shift = digits(bytes) - guess;
  if (shift > 0) buf.copyWithin(start + shift, start, start + bytes);
  at = writeNumber(buf, at, bytes);
  buf[at++] = COLON;
  return at + bytes;
}

function digits(n: number): number {
  let count = 1;
  for (let power = 10; power <= n; power *= 10) count++;
  return count;
}

/** `n` as JavaScript prints it; whole numbers digit by digit (seq, times, lengths), without a string. */
function writeNumber(buf: Buffer, at: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return at + buf.write(String(n), at);
  const end = at + digits(n);
  let i = end;
  do {
    buf[--i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return end;
}
