import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditStore, type AuditDraft } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileStore(): { file: string; db: DatabaseSync; audit: AuditStore } {
  const dir = mkdtempSync(join(tmpdir(), 'custode-audit-'));
  dirs.push(dir);
  const file = join(dir, 'custode.sqlite');
  const db = openDatabase(file);
  let t = Date.UTC(2026, 11, 6, 8, 0, 0);
  return { file, db, audit: new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' }, now: () => (t += 1000) }) };
}

const draft = (n: number, extra: Partial<AuditDraft> = {}): AuditDraft => ({
  kind: 'operation.step',
  operationId: `op-${Math.floor(n / 3)}`,
  subject: 'directories.create',
  title: { key: 'operations.directories.title', params: { count: 1, host: 'esxi-07' } },
  target: 'esxi-07 (10.0.0.7)',
  hostIds: ['h-7'],
  reason: 'prima dell’aggiornamento del registro elettronico',
  outcome: 'succeeded',
  data: { index: n, commands: [{ phase: 'run', command: `mkdir /vmfs/volumes/datastore1/f${n}`, exitCode: 0, output: '' }] },
  ...extra,
});

/** What an editor with the sqlite3 shell would do: the triggers are dropped first, then the row is changed. */
function tamper(file: string, sql: string): void {
  const db = new DatabaseSync(file);
  db.exec('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;');
  db.exec(sql);
  db.close();
}

describe('audit store', () => {
  it('chains entries and verifies an untouched trail', () => {
    const { audit } = fileStore();
    const first = audit.append(draft(0));
    const second = audit.append(draft(1));
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(second.seq).toBe(2);
    expect(second.user).toBe('maria');
    expect(audit.verify()).toEqual({ intact: true, entries: 2, firstBad: null, head: second.hash });
  });

  it('chains after a rolled-back append of the caller and after another writer', () => {
    const { file, db, audit } = fileStore();
    audit.append(draft(0));
    db.exec('BEGIN');
    audit.append(draft(1));
    db.exec('ROLLBACK');
    const other = new AuditStore(openDatabase(file), { actor: { user: 'luca', workstation: 'cli' } });
    other.append(draft(2));
    const last = audit.append(draft(3));
    expect(last.seq).toBe(3);
    expect(audit.verify()).toEqual({ intact: true, entries: 3, firstBad: null, head: last.hash });
  });

  it('leaves no gap after the caller rolls back its append, alone or to a savepoint inside its own transaction', () => {
    const { db, audit } = fileStore();
    audit.append(draft(0));
    db.exec('BEGIN');
    audit.append(draft(1));
    db.exec('ROLLBACK');
    // Nobody else wrote: only the row the store chained to is gone.
    expect(audit.append(draft(2)).seq).toBe(2);
    db.exec('BEGIN');
    audit.append(draft(3));
    db.exec('SAVEPOINT step');
    audit.append(draft(4));
    db.exec('ROLLBACK TO step');
    const last = audit.append(draft(5));
    db.exec('COMMIT');
    expect(last.seq).toBe(4);
    expect(audit.verify()).toEqual({ intact: true, entries: 4, firstBad: null, head: last.hash });
  });

  it('refuses updates and deletes through SQL', () => {
    const { db, audit } = fileStore();
    audit.append(draft(0));
    expect(() => db.exec("UPDATE audit_entries SET reason = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_entries')).toThrow(/append-only/);
  });

  it('names the entry in which one byte was changed', () => {
    const { file, db, audit } = fileStore();
    for (let i = 0; i < 5; i++) audit.append(draft(i));
    db.close();
    // One byte: "f3" becomes "f4" in the command of entry 4.
    tamper(file, "UPDATE audit_entries SET data = replace(data, 'datastore1/f3', 'datastore1/f4') WHERE seq = 4");
    const reopened = new AuditStore(openDatabase(file));
    expect(reopened.verify()).toMatchObject({ intact: false, firstBad: { seq: 4, problem: 'changed' } });
  });

  it('notices a changed column outside the JSON (the outcome)', () => {
    const { file, db, audit } = fileStore();
    for (let i = 0; i < 3; i++) audit.append(draft(i, { outcome: 'failed' }));
    db.close();
    tamper(file, "UPDATE audit_entries SET outcome = 'succeeded' WHERE seq = 2");
    expect(new AuditStore(openDatabase(file)).verify()).toMatchObject({ intact: false, firstBad: { seq: 2, problem: 'changed' } });
  });

  it('names a deleted entry as missing', () => {
    const { file, db, audit } = fileStore();
    for (let i = 0; i < 5; i++) audit.append(draft(i));
    db.close();
    tamper(file, 'DELETE FROM audit_entries WHERE seq = 3');
    expect(new AuditStore(openDatabase(file)).verify()).toMatchObject({ intact: false, firstBad: { seq: 3, id: null, problem: 'missing' } });
  });

  it('notices a deleted row whose gap was closed by renumbering', () => {
    const { file, db, audit } = fileStore();
    for (let i = 0; i < 4; i++) audit.append(draft(i));
    db.close();
    tamper(file, 'DELETE FROM audit_entries WHERE seq = 2; UPDATE audit_entries SET seq = seq - 1 WHERE seq > 2');
    expect(new AuditStore(openDatabase(file)).verify()).toMatchObject({ intact: false, firstBad: { seq: 2, problem: 'unlinked' } });
  });

  describe('over more entries than verify reads at once (256)', () => {
    /** A trail of `n` entries on file, closed; `reason` of entry 300 is null, to be tampered with. */
    function trailOf(n: number): { file: string; head: string } {
      const { file, db, audit } = fileStore();
      db.exec('BEGIN');
      let head = '';
      for (let i = 1; i <= n; i++) head = audit.append(draft(i, i === 300 ? { reason: null } : {})).hash;
      db.exec('COMMIT');
      db.close();
      return { file, head };
    }
    const verifyFile = (file: string) => new AuditStore(openDatabase(file)).verify();

    it.each([256, 512, 700])('verifies an untouched trail of %i entries', (n) => {
      const { file, head } = trailOf(n);
      expect(verifyFile(file)).toEqual({ intact: true, entries: n, firstBad: null, head });
    });

    it.each([1, 255, 256, 257, 600])('names entry %i when one byte of it changed', (seq) => {
      const { file } = trailOf(600);
      tamper(file, `UPDATE audit_entries SET data = replace(data, '/f${seq}"', '/g${seq}"') WHERE seq = ${seq}`);
      expect(verifyFile(file)).toMatchObject({ intact: false, firstBad: { seq, problem: 'changed' } });
    });

    // One column of entry 300 at a time, each change as small as it gets.
    it.each([
      ['id', "id = replace(id, substr(id, 1, 1), 'x')", 300, 'changed'],
      ['at', 'at = at + 1', 300, 'changed'],
      ['user', "user = 'Maria'", 300, 'changed'],
      ['workstation', "workstation = workstation || ' '", 300, 'changed'],
      ['kind', "kind = 'operation.end'", 300, 'changed'],
      ['operation_id', 'operation_id = NULL', 300, 'changed'],
      ['subject', "subject = subject || '.'", 300, 'changed'],
      ['title', "title = replace(title, '1', '2')", 300, 'changed'],
      ['target', "target = replace(target, '7', '8')", 300, 'changed'],
      ['host_ids', "host_ids = '[]'", 300, 'changed'],
      ['reason (null to empty)', "reason = ''", 300, 'changed'],
      ['outcome', "outcome = 'failed'", 300, 'changed'],
      ['data', "data = data || ' '", 300, 'changed'],
      ['prev_hash', "prev_hash = upper(prev_hash)", 300, 'unlinked'],
      ['hash', "hash = substr(hash, 1, 66) || iif(substr(hash, 67) = 'a', 'b', 'a')", 300, 'changed'],
      // Entry 300 is all ASCII (no reason), so its format 3 input is its format 2 input too: relabelled, its hash
      // still fits it, and the next entry, which holds it, is the one that no longer links.
      ['hash format', "hash = replace(hash, 'v3:', 'v2:')", 301, 'unlinked'],
    ])('names the entry whose %s changed', (_column, set, seq, problem) => {
      const { file } = trailOf(600);
      tamper(file, `UPDATE audit_entries SET ${set} WHERE seq = 300`);
      expect(verifyFile(file)).toMatchObject({ intact: false, firstBad: { seq, problem } });
    });

    it('names a deleted entry and two entries that swapped places', () => {
      const deleted = trailOf(600);
      tamper(deleted.file, 'DELETE FROM audit_entries WHERE seq = 300');
      expect(verifyFile(deleted.file)).toMatchObject({ intact: false, firstBad: { seq: 300, id: null, problem: 'missing' } });

      const swapped = trailOf(600);
      tamper(swapped.file, 'UPDATE audit_entries SET seq = -1 WHERE seq = 257; UPDATE audit_entries SET seq = 257 WHERE seq = 258; UPDATE audit_entries SET seq = 258 WHERE seq = -1');
      expect(verifyFile(swapped.file)).toMatchObject({ intact: false, firstBad: { seq: 257, problem: 'unlinked' } });
    });
  });

  it('keeps planted secrets out of the database file', () => {
    const { file, db, audit } = fileStore();
    const password = 'Sup3r-Segreta!2026';
    const passphrase = 'frase di accesso segreta';
    const privateKey = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----';
    audit.append(
      draft(0, {
        reason: `password was ${password}`,
        data: {
          request: { password, keyPassphrase: passphrase, apiKey: 'tok-123456' },
          commands: [{ phase: 'run', command: `echo ${password}`, exitCode: 0, output: `${privateKey}\nok` }],
        },
      }),
      [password, passphrase],
    );
    audit.append(draft(1, { data: { note: `phrase: ${passphrase}` } }), [passphrase]);
    db.close();
    const bytes = readdirSync(join(file, '..'))
      .map((f) => readFileSync(join(file, '..', f)))
      .reduce((a, b) => Buffer.concat([a, b]));
    for (const secret of [password, passphrase, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'tok-123456']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('[redacted]'))).toBe(true);
  });

  it('lists operations with their end outcome, filtered', () => {
    const { audit } = fileStore();
    const base = { operationId: 'op-a', subject: 'host.add', title: { key: 'operations.host.add.title', params: {} }, target: '10.0.0.7', hostIds: [], reason: 'nuovo host', data: null };
    audit.append({ ...base, kind: 'operation.start', outcome: null });
    audit.append({ ...base, kind: 'operation.step', outcome: 'failed', data: { commands: [{ command: 'a' }, { command: 'b' }] } });
    audit.append({ ...base, kind: 'operation.end', outcome: 'failed' });
    audit.append({ ...base, operationId: null, kind: 'trust', subject: 'trust.trusted', target: '10.0.0.8', outcome: 'trusted', reason: null });
    expect(audit.list().map((i) => [i.subject, i.outcome, i.commands])).toEqual([
      ['trust.trusted', 'trusted', 0],
      ['host.add', 'failed', 2],
    ]);
    expect(audit.list({ host: '10.0.0.7' })).toHaveLength(1);
    expect(audit.list({ outcome: 'trusted' })).toHaveLength(1);
    expect(audit.list({ subject: 'trust' })).toHaveLength(1);
    expect(audit.show('op-a').map((e) => e.kind)).toEqual(['operation.start', 'operation.step', 'operation.end']);
    expect(() => audit.show('nope')).toThrow(expect.objectContaining({ code: 'audit.notFound' }));
  });
});
