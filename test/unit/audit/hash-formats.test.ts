import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';

/**
 * The trail's hash formats. Entries written by an older Custode still verify and new entries chain after them:
 * format 1 (a fixture written before format 2 existed, its hashes recomputable by hand: SHA-256 of the previous
 * hash, a newline and the JSON array of the columns) and format 2 (a fixture written before format 3 existed, one
 * of its hashes checked against an input written out here by hand). Format 3 is checked the same way, and its
 * input as SQLite builds it for verify against the one JavaScript hashes when appending.
 */
type FixtureRow = Record<string, string | number | null>;
const COLUMNS = ['seq', 'id', 'at', 'user', 'workstation', 'kind', 'operation_id', 'subject', 'title', 'target', 'host_ids', 'reason', 'outcome', 'data', 'prev_hash', 'hash'];

function withFixtureRows(format: 1 | 2): { db: DatabaseSync; rows: FixtureRow[] } {
  const db = openDatabase(':memory:');
  const rows = JSON.parse(readFileSync(join(import.meta.dirname, `../../fixtures/audit/format-${format}-entries.json`), 'utf8')) as FixtureRow[];
  const insert = db.prepare(`INSERT INTO audit_entries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  for (const r of rows) insert.run(...COLUMNS.map((c) => r[c]!));
  return { db, rows };
}

const withFormatOneRows = () => withFixtureRows(1);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('audit hash formats', () => {
  it('verifies entries written in format 1 and chains format 3 entries after them', () => {
    const { db, rows } = withFormatOneRows();
    const audit = new AuditStore(db, { actor: { user: 'luca', workstation: 'aula-pc' }, now: () => Date.UTC(2026, 11, 6, 9) });
    expect(audit.verify()).toEqual({ intact: true, entries: 4, firstBad: null, head: rows[3]!.hash });
    const next = audit.append({ kind: 'trust', operationId: null, subject: 'trust.trusted', title: { key: 'audit.trust.trusted', params: {} }, target: '10.0.0.8', hostIds: [], reason: null, outcome: 'trusted', data: null });
    expect(next.prevHash).toBe(rows[3]!.hash);
    expect(next.hash).toMatch(/^v3:[0-9a-f]{64}$/);
    expect(audit.verify()).toEqual({ intact: true, entries: 5, firstBad: null, head: next.hash });
  });

  it('names a changed format 1 entry, and one whose hash was rewritten in format 2', () => {
    const { db } = withFormatOneRows();
    db.exec('DROP TRIGGER audit_entries_no_update');
    db.exec(`UPDATE audit_entries SET reason = 'altro motivo' WHERE seq = 2`);
    expect(new AuditStore(db).verify()).toMatchObject({ intact: false, firstBad: { seq: 2, problem: 'changed' } });

    // The changed entry rehashed as a new one would be: the next entry still names the old hash.
    const { db: other } = withFormatOneRows();
    other.exec('DROP TRIGGER audit_entries_no_update');
    other.exec(`UPDATE audit_entries SET hash = 'v2:' || substr(hash, 1, 64) WHERE seq = 2`);
    expect(new AuditStore(other).verify()).toMatchObject({ intact: false, firstBad: { seq: 2, problem: 'changed' } });
  });

  it('verifies entries written in format 2, hashed as the prefixed columns with lengths in UTF-16 code units', () => {
    const { db, rows } = withFixtureRows(2);
    const first = rows[0]!;
    const input = [
      `${'0'.repeat(64)}\n`,
      'n1;',
      `s36:${first.id}`,
      'n1796463001000;',
      's5:maria',
      's13:segreteria-pc',
      's15:operation.start',
      's5:op-v2',
      's8:host.add',
      's23:{"key":"k","params":{}}',
      's7:esxi-07',
      's2:[]',
      // 20 UTF-16 code units: the en dash is one.
      's20:aula "magna" – nuovo',
      '-',
      // 12 code units, 13 bytes.
      's12:{"plan":"è"}',
    ].join('');
    expect(first.hash).toBe(`v2:${sha256(input)}`);
    const audit = new AuditStore(db, { actor: { user: 'luca', workstation: 'aula-pc' } });
    expect(audit.verify()).toEqual({ intact: true, entries: 3, firstBad: null, head: rows[2]!.hash });
    const next = audit.append({ kind: 'trust', operationId: null, subject: 'trust.trusted', title: { key: 'audit.trust.trusted', params: {} }, target: '10.0.0.9', hostIds: [], reason: null, outcome: 'trusted', data: null });
    expect(next.prevHash).toBe(rows[2]!.hash);
    expect(audit.verify()).toEqual({ intact: true, entries: 4, firstBad: null, head: next.hash });
  });

  it('names a changed format 2 entry (its emoji target one byte off)', () => {
    const { db } = withFixtureRows(2);
    db.exec('DROP TRIGGER audit_entries_no_update');
    db.exec(`UPDATE audit_entries SET target = replace(target, '3', '4') WHERE seq = 2`);
    expect(new AuditStore(db).verify()).toMatchObject({ intact: false, firstBad: { seq: 2, problem: 'changed' } });
  });

  it('hashes format 3 as the prefixed columns with lengths in UTF-8 bytes, nothing escaped', () => {
    const db = openDatabase(':memory:');
    const audit = new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' }, now: () => 1796463001000 });
    const entry = audit.append({
      kind: 'operation.start',
      operationId: 'op-1',
      subject: 'host.add',
      title: { key: 'k', params: {} },
      target: 'aula 🖥️',
      hostIds: [],
      reason: 'aula "magna" – nuovo',
      outcome: null,
      data: { plan: 'è' },
    });
    const input = [
      `${'0'.repeat(64)}\n`,
      'n1;',
      `s36:${entry.id}`,
      'n1796463001000;',
      's5:maria',
      's13:segreteria-pc',
      's15:operation.start',
      's4:op-1',
      's8:host.add',
      's23:{"key":"k","params":{}}',
      // "aula " and a computer (4 bytes) with its emoji presentation selector (3 bytes).
      's12:aula 🖥️',
      's2:[]',
      // 22 bytes: the en dash is three.
      's22:aula "magna" – nuovo',
      '-',
      's13:{"plan":"è"}',
    ].join('');
    expect(entry.hash).toBe(`v3:${sha256(input)}`);
    expect(audit.verify()).toMatchObject({ intact: true, head: entry.hash });
  });

  it('verifies a reason holding a lone surrogate (stored as U+FFFD)', () => {
    const audit = new AuditStore(openDatabase(':memory:'));
    audit.append({ kind: 'trust', operationId: null, subject: 'trust.trusted', title: { key: 'k', params: {} }, target: 't', hostIds: [], reason: 'metà \ud800 frase', outcome: null, data: null });
    expect(audit.verify()).toMatchObject({ intact: true, entries: 1 });
  });
});
