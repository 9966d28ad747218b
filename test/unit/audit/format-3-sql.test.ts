import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditStore, type AuditDraft } from '../../../electron/core/audit/audit-store.ts';
import { FORMAT_3_SQL_PARTS, GENESIS } from '../../../electron/core/audit/chain.ts';
import { proveChain } from '../../../electron/core/audit/chain-proof.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';

/**
 * Verify hashes format 3 entries from bytes SQLite puts together (FORMAT_3_SQL_PARTS); append hashes bytes
 * JavaScript writes. Both must be the same bytes for any stored values, or verify would only prove such entries
 * the slow way: here every entry's SQL-built input hashes to the hash append stored, and the fast pass proves the
 * whole chain on its own.
 */
const awkward = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  // Around 10 and 100 UTF-16 code units of multi-byte text: the byte length has more digits than the UTF-16 one.
  fc.string({ unit: fc.constantFrom('a', 'è', '–', '🖥', '\ud800', '\0'), minLength: 5, maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'è', '👋'), minLength: 90, maxLength: 110 }),
  fc.constantFrom('', '\0', '"', '\\', 'n1;', 's3:abc', '-', '\n', 'prima dell’aggiornamento'),
);

const draft: fc.Arbitrary<AuditDraft> = fc.record({
  kind: fc.constantFrom('operation.start', 'operation.step', 'trust' as const),
  operationId: fc.option(awkward),
  subject: awkward,
  title: fc.record({ key: awkward, params: fc.dictionary(awkward, fc.oneof(awkward, fc.integer())) }),
  target: awkward,
  hostIds: fc.array(awkward, { maxLength: 3 }),
  reason: fc.option(awkward),
  outcome: fc.option(awkward),
  data: fc.jsonValue(),
});

describe('audit format 3 built by SQLite', () => {
  it('gives the bytes append hashed, for any stored values', { timeout: 120_000 }, () => {
    // One trail for all runs (opening a database runs every migration): each run appends and checks its entries.
    const db = openDatabase(':memory:');
    const select = db.prepare(`SELECT hash, CAST(concat(${FORMAT_3_SQL_PARTS}) AS BLOB) AS input FROM audit_entries WHERE seq > ? ORDER BY seq`);
    let at = 0;
    const audit = (user: string) => new AuditStore(db, { actor: { user, workstation: 'aula–pc 🖥' }, now: () => at });
    let seq = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(draft, fc.maxSafeInteger()), { minLength: 1, maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 20 }), (entries, user) => {
        const store = audit(user);
        let head = '';
        for (const [d, time] of entries) {
          at = time;
          head = store.append(d).hash;
        }
        const rows = select.all(seq) as { hash: string; input: Uint8Array }[];
        expect(rows).toHaveLength(entries.length);
        for (const { hash, input } of rows) expect(`v3:${createHash('sha256').update(input).digest('hex')}`).toBe(hash);
        seq += entries.length;
        expect(proveChain(db, { seq: 0, hash: GENESIS })).toEqual({ last: { seq, hash: head }, end: true });
      }),
      { numRuns: 200 },
    );
  });
});
