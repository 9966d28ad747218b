import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditStore, type AuditDraft } from '../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { publish, summarize } from './report.ts';

/**
 * The audit trail's cost: appending 100,000 entries (redaction, canonical JSON, SHA-256 chained to the previous
 * entry, one write transaction each) and verifying the whole chain, against a plain INSERT of the same rows into
 * the same table (JSON.stringify, no hashing, one autocommit statement each), measured in the same run on fresh
 * database files.
 */
const ENTRIES = 100_000;
const RUNS = 3;

function drafts(): AuditDraft[] {
  return Array.from({ length: ENTRIES }, (_, i) => ({
    kind: 'operation.step',
    operationId: `op-${Math.floor(i / 5)}`,
    subject: 'directories.create',
    title: { key: 'operations.directories.title', params: { count: 3, host: `esxi-${i % 5}` } },
    target: `esxi-0${i % 5} (10.0.0.${i % 5})`,
    hostIds: [`host-${i % 5}`],
    reason: 'prima dell’aggiornamento del registro elettronico',
    outcome: i % 7 === 0 ? 'failed' : 'succeeded',
    data: {
      index: i % 3,
      stepId: `mkdir-${i % 3}`,
      outcome: 'succeeded',
      error: null,
      commands: [
        { phase: 'check', command: `test ! -e '/vmfs/volumes/datastore1/custode run ${i}'`, at: 1_765_000_000_000 + i, exitCode: 0, output: '', error: null },
        { phase: 'run', command: `mkdir '/vmfs/volumes/datastore1/custode run ${i}'`, at: 1_765_000_000_000 + i, exitCode: 0, output: '', error: null },
      ],
    },
  }));
}

/**
 * Both sides commit each row on its own, with synchronous=NORMAL: in WAL mode a commit then costs no fsync, so the
 * figures compare the work of the two (hashing, JSON) rather than this machine's disk flushes, which are the same
 * for both and would drown the difference.
 */
function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'custode-bench-audit-'));
  const db = openDatabase(join(dir, 'custode.sqlite'));
  db.exec('PRAGMA synchronous = NORMAL');
  return { db, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function plainInsert(rows: readonly AuditDraft[]): number {
  const { db, done } = freshDb();
  const insert = db.prepare(
    `INSERT INTO audit_entries (seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')`,
  );
  const start = performance.now();
  rows.forEach((r, i) => {
    insert.run(i + 1, randomUUID(), Date.now(), 'maria', 'segreteria-pc', r.kind, r.operationId, r.subject, JSON.stringify(r.title), r.target, JSON.stringify(r.hostIds), r.reason, r.outcome, JSON.stringify(r.data));
  });
  const ms = performance.now() - start;
  db.close();
  done();
  return ms;
}

function chained(rows: readonly AuditDraft[]): { append: number; verify: number; intact: boolean } {
  const { db, done } = freshDb();
  const audit = new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' } });
  let start = performance.now();
  for (const r of rows) audit.append(r);
  const append = performance.now() - start;
  start = performance.now();
  const state = audit.verify();
  const verify = performance.now() - start;
  db.close();
  done();
  return { append, verify, intact: state.intact && state.entries === rows.length };
}

export default async function run(): Promise<string[]> {
  const rows = drafts();
  const insert: number[] = [];
  const append: number[] = [];
  const verify: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    insert.push(plainInsert(rows));
    const c = chained(rows);
    if (!c.intact) throw new Error('the chain written by the bench does not verify');
    append.push(c.append);
    verify.push(c.verify);
    total.push(c.append + c.verify);
  }
  const base = summarize(insert).median;
  const a = summarize(append).median;
  const v = summarize(verify).median;
  const t = summarize(total).median;
  const ratio = t / base;
  return publish({
    name: 'audit',
    context: { entries: ENTRIES, runs: `${RUNS} (median)`, database: `WAL, synchronous=NORMAL, file under ${tmpdir()}` },
    rows: [
      { label: `plain INSERT of ${ENTRIES} rows (one commit each)`, value: base, unit: 'ms' },
      { label: `audit append (redact, canonical JSON, SHA-256 chain)`, value: a, unit: 'ms', baseline: 'plain INSERT', ratio: a / base },
      { label: `audit append + verify whole chain`, value: t, unit: 'ms', baseline: 'plain INSERT', ratio, goal: '≤ 1.5×', met: ratio <= 1.5 },
      { label: `verify ${ENTRIES} entries`, value: v, unit: 'ms', goal: '< 1000 ms', met: v < 1000 },
    ],
  });
}
