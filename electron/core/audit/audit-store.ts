import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AppError } from '../../../shared/errors/app-error.ts';
import { AuditFilter, type AuditEntry, type AuditItem, type AuditKind, type ChainState } from '../../../shared/ipc/audit.ts';
import type { Words } from '../../../shared/model/operation.ts';
import { osActor, type Actor } from './actor.ts';
import { CHAINED_COLUMNS, entryHash, GENESIS, hashMatches } from './chain.ts';
import { proveChain } from './chain-proof.ts';
import { entryJson } from './entry-json.ts';
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

/** The stored columns of one entry (JSON columns as their text). */
interface ChainedColumns {
  seq: number;
  id: string;
  at: number;
  user: string;
  workstation: string;
  kind: string;
  operation_id: string | null;
  subject: string;
  title: string;
  target: string;
  host_ids: string;
  reason: string | null;
  outcome: string | null;
  data: string;
}

/** The same, as the array an append binds and hashes, in CHAINED_COLUMNS order. */
type Columns = [
  seq: number,
  id: string,
  at: number,
  user: string,
  workstation: string,
  kind: AuditKind,
  operationId: string | null,
  subject: string,
  title: string,
  target: string,
  hostIds: string,
  reason: string | null,
  outcome: string | null,
  data: string,
];

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
  readonly #insert;
  readonly #insertAfter;
  readonly #tx;
  /**
   * The last entry this store wrote or read, so an append need not read it again. It may be stale: another process
   * appended (the INSERT of the same seq then fails on the primary key), or the caller's transaction that held it
   * rolled back (the INSERT after it finds no such entry). Either way the append falls back to reading the head
   * under the write lock.
   */
  #head: Head | null = null;

  constructor(db: DatabaseSync, options: AuditStoreOptions = {}) {
    this.#db = db;
    this.#actor = options.actor ?? osActor();
    this.#now = options.now ?? Date.now;
    this.#onAppend = options.onAppend;
    this.#readHead = db.prepare('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    this.#tx = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
    const insert = `INSERT INTO audit_entries (seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data, prev_hash, hash)`;
    // After a head read under the write lock.
    this.#insert = db.prepare(`${insert} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // After the remembered head: its previous hash is stored only if the entry before still holds it, else it is
    // null, which NOT NULL refuses. Checked in the INSERT itself, this costs a lookup in SQLite and no query of its
    // own; and as a value in VALUES, not an INSERT … SELECT, it reads the table without a temporary copy of it.
    this.#insertAfter = db.prepare(
      `${insert} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT hash FROM audit_entries WHERE seq = ?1 - 1 AND hash = ?15), ?)`,
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
    const title = entryJson(draft.title, known);
    const hostIds = entryJson(draft.hostIds, known);
    const data = entryJson(draft.data ?? null, known);
    const { user, workstation } = this.#actor;
    // The stored columns in CHAINED_COLUMNS order; the seq is set once the head is known.
    const columns: Columns = [
      0,
      randomUUID(),
      this.#now(),
      user,
      workstation,
      draft.kind,
      draft.operationId,
      redactText(draft.subject, known),
      title.text,
      redactText(draft.target, known),
      hostIds.text,
      draft.reason === null ? null : redactText(draft.reason, known),
      draft.outcome === null ? null : redactText(draft.outcome, known),
      data.text,
    ];
    const prevHash = this.#appendAfterKnownHead(columns) ?? this.#appendAfterReadHead(columns);
    const [seq, id, at, , , kind, operationId, subject, , target, , reason, outcome] = columns;
    this.#onAppend?.({ seq, operationId });
    // The cleaned values, not a parse of the text just written: the same data, without a second walk.
    return {
      seq,
      id,
      at,
      user,
      workstation,
      kind,
      operationId,
      subject,
      title: title.value as Words,
      target,
      hostIds: hostIds.value as string[],
      reason,
      outcome,
      data: data.value,
      prevHash,
      hash: this.#head!.hash,
    };
  }

  /** The fast path: chain to the remembered head; the previous hash, or null when there is no head or it is no longer the head. */
  #appendAfterKnownHead(columns: Columns): string | null {
    const head = this.#head;
    if (head === null) return null;
    try {
      this.#write(this.#insertAfter, head, columns);
      return head.hash;
    } catch {
      // Another process took this seq meanwhile, or the head was rolled back (or the row is bad, which the locked
      // path reports).
      this.#head = null;
      return null;
    }
  }

  /**
   * Reads the head and writes after it with the write lock held: a transaction of its own, or the caller's (whose
   * snapshot then makes a concurrent write fail rather than fork the chain). Returns the previous hash.
   */
  #appendAfterReadHead(columns: Columns): string {
    const own = !this.#db.isTransaction;
    if (own) this.#tx.begin.run();
    try {
      const head = (this.#readHead.get() as Head | undefined) ?? { seq: 0, hash: GENESIS };
      this.#write(this.#insert, head, columns);
      if (own) this.#tx.commit.run();
      return head.hash;
    } catch (error) {
      this.#head = null;
      if (own) this.#tx.rollback.run();
      throw error;
    }
  }

  /** One INSERT after `head` (its seq written into `columns`); the entry written becomes the head. */
  #write(insert: StatementSync, head: Head, columns: Columns): void {
    columns[0] = head.seq + 1;
    const hash = entryHash(head.hash, columns);
    insert.run(...columns, head.hash, hash);
    this.#head = { seq: columns[0], hash };
  }

  /**
   * Walks the whole chain in order. The first entry that is not as written is named: `missing` when the sequence
   * has a gap (a row was deleted), `unlinked` when it does not name the previous entry's hash, `changed` when its
   * own columns no longer give its hash. A fast pass proves what it can (chain-proof.ts); from the first entry it
   * could not prove, the rows are walked one by one, which names what is wrong.
   */
  verify(): ChainState {
    const { last, end } = proveChain(this.#db, { seq: 0, hash: GENESIS });
    let prevHash = last.hash;
    let expectedSeq = last.seq + 1;
    const bad = (problem: 'changed' | 'missing' | 'unlinked', seq: number, id: string | null): ChainState => ({
      intact: false,
      entries: Number((this.#db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n),
      firstBad: { seq, id, problem },
      head: null,
    });
    if (!end) {
      // Rows as arrays, streamed: the hashed columns first, so the array minus its last two is what was hashed.
      const select = this.#db.prepare(`SELECT ${CHAINED_COLUMNS}, prev_hash, hash FROM audit_entries WHERE seq > ? ORDER BY seq`);
      select.setReturnArrays(true);
      for (const row of select.iterate(last.seq) as Iterable<unknown[]>) {
        const seq = row[0] as number;
        const hash = row.pop() as string;
        const prev = row.pop() as string;
        if (seq !== expectedSeq) return bad('missing', expectedSeq, null);
        if (prev !== prevHash) return bad('unlinked', seq, row[1] as string);
        if (!hashMatches(hash, prevHash, row)) return bad('changed', seq, row[1] as string);
        prevHash = hash;
        expectedSeq++;
      }
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
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    user: r.user,
    workstation: r.workstation,
    kind: r.kind as AuditKind,
    operationId: r.operation_id,
    subject: r.subject,
    title: JSON.parse(r.title) as Words,
    target: r.target,
    hostIds: JSON.parse(r.host_ids) as string[],
    reason: r.reason,
    outcome: r.outcome,
    data: JSON.parse(r.data) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
