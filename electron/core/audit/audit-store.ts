import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../shared/errors/app-error.ts';
import { AuditFilter, type AuditEntry, type AuditItem, type AuditKind, type ChainState } from '../../../shared/ipc/audit.ts';
import type { Words } from '../../../shared/model/operation.ts';
import { osActor, type Actor } from './actor.ts';
import { canonicalJson } from './canonical-json.ts';
import { CHAINED_COLUMNS, columnsHash, entryHash, GENESIS, type ChainedColumns } from './chain.ts';
import { knownSecrets, redactText } from './redact.ts';

/** What a caller gives; time, actor, sequence and hashes are the store's. */
export interface AuditDraft {
  kind: AuditKind;
  operationId: string | null;
  subject: string;
  title: Words;
  target: string;
  hostIds: readonly string[];
  reason: string | null;
  outcome: string | null;
  data: unknown;
}

interface Head {
  seq: number;
  hash: string;
}

interface Row extends ChainedColumns {
  prev_hash: string;
  hash: string;
}

export interface AuditStoreOptions {
  actor?: Actor;
  now?: () => number;
  onAppend?(entry: { seq: number; operationId: string | null }): void;
}

/** The only SQL of the trail. Rows are never updated or deleted (triggers refuse it); each one chains to the last. */
export class AuditStore {
  readonly #db: DatabaseSync;
  readonly #actor: Actor;
  readonly #now: () => number;
  readonly #onAppend: AuditStoreOptions['onAppend'];
  readonly #readHead;
  readonly #hashAt;
  readonly #insert;
  readonly #tx;
  /**
   * The last entry this store wrote or read, so an append need not read it again. It may be stale: another process
   * appended (the INSERT of the same seq then fails on the primary key), or the caller's transaction that held it
   * rolled back (so a head written inside one is checked against its row before the next append chains to it).
   * Either way the append falls back to reading the head under the write lock.
   */
  #head: Head | null = null;
  /** Whether #head was committed when it was written, so no rollback can take it away any more. */
  #headCommitted = false;

  constructor(db: DatabaseSync, options: AuditStoreOptions = {}) {
    this.#db = db;
    this.#actor = options.actor ?? osActor();
    this.#now = options.now ?? Date.now;
    this.#onAppend = options.onAppend;
    this.#readHead = db.prepare('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    this.#tx = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
    this.#hashAt = db.prepare('SELECT hash FROM audit_entries WHERE seq = ?');
    // A plain INSERT: one that reads the table it writes (to check the previous hash) costs SQLite a temporary copy.
    this.#insert = db.prepare(
      `INSERT INTO audit_entries (seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Appends one entry. `secrets` are values this entry's maker knows to be secret; they are cut out before
   * anything is hashed or written. The row is one INSERT, so an entry is never half-written; its seq is the primary
   * key and it chains to a head known to be current, so two processes (the app and the CLI) can never fork the chain.
   */
  append(draft: AuditDraft, secrets: readonly string[] = []): AuditEntry {
    // Kind and operation id are Custode's own identifiers; every other value is redacted as it is serialised.
    const known = knownSecrets(secrets);
    const text = (value: string) => redactText(value, known);
    const title = canonicalJson(draft.title, known);
    const hostIds = canonicalJson(draft.hostIds, known);
    const data = canonicalJson(draft.data ?? null, known);
    const fields: Omit<ChainedColumns, 'seq'> = {
      id: randomUUID(),
      at: this.#now(),
      user: this.#actor.user,
      workstation: this.#actor.workstation,
      kind: draft.kind,
      operation_id: draft.operationId,
      subject: text(draft.subject),
      title: title.text,
      target: text(draft.target),
      host_ids: hostIds.text,
      reason: draft.reason === null ? null : text(draft.reason),
      outcome: draft.outcome === null ? null : text(draft.outcome),
      data: data.text,
    };
    const row = this.#appendAfterKnownHead(fields) ?? this.#appendAfterReadHead(fields);
    this.#onAppend?.({ seq: row.seq, operationId: row.operation_id });
    // The cleaned values, not a parse of the text just written: the same data, without a second walk.
    return entryWith(row, title.value as Words, hostIds.value as string[], data.value);
  }

  /** The fast path: chain to the remembered head; null when there is none or it is no longer the head. */
  #appendAfterKnownHead(fields: Omit<ChainedColumns, 'seq'>): Row | null {
    const head = this.#head;
    if (head === null) return null;
    if (!this.#headCommitted && head.seq > 0 && (this.#hashAt.get(head.seq) as { hash: string } | undefined)?.hash !== head.hash) {
      this.#head = null;
      return null;
    }
    try {
      return this.#write(head, fields, !this.#db.isTransaction);
    } catch {
      // Another process took this seq meanwhile (or the row is bad, which the locked path reports).
      this.#head = null;
      return null;
    }
  }

  /**
   * Reads the head and writes after it with the write lock held: a transaction of its own, or the caller's (whose
   * snapshot then makes a concurrent write fail rather than fork the chain).
   */
  #appendAfterReadHead(fields: Omit<ChainedColumns, 'seq'>): Row {
    const own = !this.#db.isTransaction;
    if (own) this.#tx.begin.run();
    try {
      const head = (this.#readHead.get() as Head | undefined) ?? { seq: 0, hash: GENESIS };
      const row = this.#write(head, fields, false);
      if (own) this.#tx.commit.run();
      this.#headCommitted = own;
      return row;
    } catch (error) {
      this.#head = null;
      if (own) this.#tx.rollback.run();
      throw error;
    }
  }

  /** One INSERT after `head`; the entry written becomes the head. */
  #write(head: Head, fields: Omit<ChainedColumns, 'seq'>, committed: boolean): Row {
    const c: ChainedColumns = { seq: head.seq + 1, ...fields };
    const hash = entryHash(head.hash, c);
    this.#insert.run(c.seq, c.id, c.at, c.user, c.workstation, c.kind, c.operation_id, c.subject, c.title, c.target, c.host_ids, c.reason, c.outcome, c.data, head.hash, hash);
    this.#head = { seq: c.seq, hash };
    this.#headCommitted = committed;
    return { ...c, prev_hash: head.hash, hash };
  }

  /**
   * Walks the whole chain in order. The first entry that is not as written is named: `missing` when the sequence
   * has a gap (a row was deleted), `unlinked` when it does not name the previous entry's hash, `changed` when its
   * own columns no longer give its hash.
   */
  verify(): ChainState {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    const bad = (problem: 'changed' | 'missing' | 'unlinked', seq: number, id: string | null): ChainState => ({
      intact: false,
      entries: Number((this.#db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n),
      firstBad: { seq, id, problem },
      head: null,
    });
    // Rows as arrays, streamed: the hashed columns first, so the array minus its last two is what was hashed.
    const select = this.#db.prepare(`SELECT ${CHAINED_COLUMNS}, prev_hash, hash FROM audit_entries ORDER BY seq`);
    select.setReturnArrays(true);
    for (const row of select.iterate() as Iterable<unknown[]>) {
      const seq = row[0] as number;
      const hash = row.pop() as string;
      const prev = row.pop() as string;
      if (seq !== expectedSeq) return bad('missing', expectedSeq, null);
      if (prev !== prevHash) return bad('unlinked', seq, row[1] as string);
      if (columnsHash(prevHash, row) !== hash) return bad('changed', seq, row[1] as string);
      prevHash = hash;
      expectedSeq++;
    }
    const entries = expectedSeq - 1;
    return { intact: true, entries, firstBad: null, head: entries === 0 ? null : prevHash };
  }

  /** Every entry of one operation, or the single entry with that id. */
  show(id: string): AuditEntry[] {
    const rows = this.#db.prepare('SELECT * FROM audit_entries WHERE operation_id = ? OR id = ? ORDER BY seq').all(id, id) as unknown as Row[];
    if (rows.length === 0) throw new AppError('audit.notFound', `No operation or audit entry ${id}`, { id });
    return rows.map(toEntry);
  }

  /** The entries of one operation, oldest first (none when it never ran). */
  entriesOf(operationId: string): AuditEntry[] {
    return (this.#db.prepare('SELECT * FROM audit_entries WHERE operation_id = ? ORDER BY seq').all(operationId) as unknown as Row[]).map(toEntry);
  }

  /** One line per operation (with its end's outcome) and per trust decision, newest first. */
  list(input: AuditFilter = {}): AuditItem[] {
    const { sql, params } = filterSql(AuditFilter.parse(input));
    const rows = this.#db
      .prepare(
        `SELECT s.*, COALESCE(e.outcome, s.outcome) AS final_outcome,
           (SELECT COALESCE(SUM(json_array_length(d.data, '$.commands')), 0) FROM audit_entries d
             WHERE d.operation_id = s.operation_id AND d.kind IN ('operation.step', 'operation.recheck')) AS commands
         FROM audit_entries s
         LEFT JOIN audit_entries e ON e.operation_id = s.operation_id AND e.kind = 'operation.end'
         WHERE s.kind IN ('operation.start', 'operation.refused', 'trust') ${sql}
         ORDER BY s.seq DESC LIMIT ?`,
      )
      .all(...params) as unknown as (Row & { final_outcome: string | null; commands: number })[];
    return rows.map((r) => ({
      id: r.id,
      operationId: r.operation_id,
      at: r.at,
      user: r.user,
      workstation: r.workstation,
      subject: r.subject,
      title: JSON.parse(r.title) as Words,
      target: r.target,
      reason: r.reason,
      outcome: r.final_outcome,
      commands: Number(r.commands),
    }));
  }

  /** The entries behind a filtered list (for export): each listed operation's entries, oldest first. */
  entries(input: AuditFilter = {}): AuditEntry[] {
    const items = this.list(input).reverse();
    return items.flatMap((item) => this.show(item.operationId ?? item.id));
  }
}

function filterSql(f: ReturnType<typeof AuditFilter.parse>): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (f.host) {
    parts.push(`(s.target LIKE ? ESCAPE '\\' OR s.host_ids LIKE ? ESCAPE '\\')`);
    params.push(like(f.host), like(f.host));
  }
  if (f.vm) {
    parts.push(`EXISTS (SELECT 1 FROM audit_entries v WHERE (v.operation_id = s.operation_id OR v.id = s.id) AND (v.target LIKE ? ESCAPE '\\' OR v.data LIKE ? ESCAPE '\\'))`);
    params.push(like(f.vm), like(f.vm));
  }
  if (f.subject) {
    parts.push('(s.subject = ? OR s.subject LIKE ?)');
    params.push(f.subject, `${f.subject}.%`);
  }
  if (f.outcome) {
    parts.push('COALESCE(e.outcome, s.outcome) = ?');
    params.push(f.outcome);
  }
  if (f.user) {
    parts.push('(s.user = ? OR s.workstation = ?)');
    params.push(f.user, f.user);
  }
  if (f.since !== undefined) {
    parts.push('s.at >= ?');
    params.push(f.since);
  }
  if (f.until !== undefined) {
    parts.push('s.at < ?');
    params.push(f.until);
  }
  params.push(f.limit);
  return { sql: parts.map((p) => `AND ${p}`).join(' '), params };
}

function toEntry(r: Row): AuditEntry {
  return entryWith(r, JSON.parse(r.title) as Words, JSON.parse(r.host_ids) as string[], JSON.parse(r.data) as unknown);
}

function entryWith(r: Row, title: Words, hostIds: string[], data: unknown): AuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    user: r.user,
    workstation: r.workstation,
    kind: r.kind as AuditKind,
    operationId: r.operation_id,
    subject: r.subject,
    title,
    target: r.target,
    hostIds,
    reason: r.reason,
    outcome: r.outcome,
    data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
