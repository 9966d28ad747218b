import { hash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { CHAINED_COLUMNS, FORMAT_3, FORMAT_3_SQL_PARTS, hashMatches } from './chain.ts';

/** An entry of the chain: its seq and stored hash (seq 0 and GENESIS before the first). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** Entries read at once: a few hundred kilobytes for entries of common size. */
const BATCH = 256;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const DASH = 0x2d;
const LETTER_N = 0x6e;
const FORMAT_3_BYTES = Buffer.from(FORMAT_3);
/** A format 3 hash: the prefix and 64 hex digits. */
const FORMAT_3_LENGTH = FORMAT_3.length + 64;

/**
 * The fast pass of verify: from `from` on, proves entries as long as they are in order, link to the one before and
 * re-hash to their stored hash, and returns the last one it proved and whether it was the chain's last.
 *
 * Reading sixteen values per entry cost more than hashing it, so SQLite hands over the entries a batch at a time as one
 * blob: per entry its stored hash and previous hash, each after its length in bytes, then the rest of its format 3
 * input (chain.ts), whose every text is framed by its length in bytes too. Format 3 entries are hashed from those
 * bytes; an older entry's columns are read on their own and hashed as before. The pass never names a problem: the
 * first entry it cannot prove (changed, missing, unlinked, or merely not handed over in order, since a blob of
 * concatenated rows has no documented order) is left to the row-by-row walk, which says what is wrong with it.
 */
export function proveChain(db: DatabaseSync, from: ChainPoint): { last: ChainPoint; end: boolean } {
  const batch = db.prepare(
    `SELECT count(*), CAST(group_concat(entry, '') AS BLOB) FROM (
       SELECT concat(octet_length(hash), ':', hash, octet_length(prev_hash), ':', ${FORMAT_3_SQL_PARTS}) AS entry
       FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ${BATCH})`,
  );
  batch.setReturnArrays(true);
  const olderRow = db.prepare(`SELECT ${CHAINED_COLUMNS} FROM audit_entries WHERE seq = ?`);
  olderRow.setReturnArrays(true);

  let seq = from.seq;
  // The last proven entry's stored hash, as a range of the blob it came in.
  let last: Buffer = Buffer.from(from.hash);
  let lastStart = 0;
  let lastEnd = last.length;
  const proven = (end: boolean) => ({ last: { seq, hash: last.toString('utf8', lastStart, lastEnd) }, end });

  for (;;) {
    const [count, blob] = batch.get(seq) as unknown as [number, Uint8Array | null];
    if (blob === null) return proven(true);
    const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    let at = 0;
    let entries = 0;
    while (at < b.length) {
      const hashLength = numberAt(b, at, COLON);
      const hashStart = next;
      const prevLength = numberAt(b, hashStart + hashLength, COLON);
      const input = next;
      const prevEnd = input + prevLength;
      // The input: the previous hash, a newline, the seq (`n<seq>;`) and the other columns.
      const entrySeq = b[prevEnd + 1] === LETTER_N ? numberAt(b, prevEnd + 2, SEMICOLON) : NaN;
      at = skipColumns(b, next);
      if (entrySeq !== seq + 1 || !sameBytes(b, input, prevEnd, last, lastStart, lastEnd)) return proven(false);
      const ok = isFormat3(b, hashStart, hashLength)
        ? hexEquals(hash('sha256', blob.subarray(input, at), 'hex'), b, hashStart + FORMAT_3.length)
        : hashMatches(b.toString('utf8', hashStart, hashStart + hashLength), b.toString('utf8', input, prevEnd), olderRow.get(entrySeq) as unknown as unknown[]);
      if (!ok) return proven(false);
      seq = entrySeq;
      last = b;
      lastStart = hashStart;
      lastEnd = hashStart + hashLength;
      entries++;
    }
    if (entries !== count) return proven(false);
    if (count < BATCH) return proven(true);
  }
}

/** The 13 columns after the seq, each `-`, `n<number>;` or `s<length>:<bytes>`; where the next entry starts. */
function skipColumns(b: Buffer, at: number): number {
  for (let column = 0; column < 13; column++) {
    const tag = b[at];
    if (tag === DASH) at++;
    else if (tag === LETTER_N) {
      numberAt(b, at + 1, SEMICOLON);
      at = next;
    } else {
      const length = numberAt(b, at + 1, COLON);
      at = next + length;
    }
  }
  return at;
}

/** Where the last `numberAt` stopped: just past the byte that ended the number. */
let next = 0;

/** The whole number written from `at` up to `stop` (NaN when something else is there, a negative seq); sets `next`. */
function numberAt(b: Buffer, at: number, stop: number): number {
  let n = 0;
  let i = at;
  for (; i < b.length && b[i] !== stop; i++) {
    const digit = b[i]! - 48;
    n = digit >= 0 && digit <= 9 ? n * 10 + digit : NaN;
  }
  next = i + 1;
  return n;
}

/** Whether `b` from `start` to `end` holds the bytes of `other` from `otherStart` to `otherEnd`. */
function sameBytes(b: Buffer, start: number, end: number, other: Buffer, otherStart: number, otherEnd: number): boolean {
  if (end - start !== otherEnd - otherStart) return false;
  for (let i = 0; i < end - start; i++) if (b[start + i] !== other[otherStart + i]) return false;
  return true;
}

/** Whether the stored hash from `at` is a format 3 one: its prefix and 64 hex digits. */
function isFormat3(b: Buffer, at: number, length: number): boolean {
  return length === FORMAT_3_LENGTH && sameBytes(b, at, at + FORMAT_3.length, FORMAT_3_BYTES, 0, FORMAT_3.length);
}

/** Whether the 64 hex digits of `hex` are the bytes of `b` from `at`. */
function hexEquals(hex: string, b: Buffer, at: number): boolean {
  for (let i = 0; i < 64; i++) if (hex.charCodeAt(i) !== b[at + i]) return false;
  return true;
}
