import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatabaseSync } from 'node:sqlite';
import { AuditStore, type AuditDraft } from '../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { publish, summarize } from './report.ts';

/**
 * The audit trail's cost: appending 100,000 entries (redaction, SHA-256 chained to the previous entry) and verifying
 * the whole chain, against a plain INSERT of the same rows into the same table (the same JSON.stringify text of
 * title, host ids and data, which the bench checks is what both sides stored; no hashing, empty hash columns),
 * measured in the same run on fresh database files. Both sides run inside one outer transaction (an append inside
 * a caller's transaction INSERTs after its remembered head, the INSERT checking that head is still there): a commit
 * per row costs this shared machine's disk ~1 ms, the same for both, and would hide the work being compared. Times are wall clock and the process's
 * CPU time, since other work on the machine stretches wall time.
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

function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), 'custode-bench-audit-'));
  const db = openDatabase(join(dir, 'custode.sqlite'));
  return { db, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

interface Timed {
  wall: number;
  cpu: number;
}

function timed(work: () => void): Timed {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  return { wall: performance.now() - start, cpu: cpuMs(cpu) };
}

/** What a side stored in the columns both write from the drafts, so the two sides are shown to store the same rows. */
function storedDigest(db: DatabaseSync): string {
  const digest = createHash('sha256');
  const select = db.prepare('SELECT seq, kind, operation_id, subject, title, target, host_ids, reason, outcome, data FROM audit_entries ORDER BY seq');
  select.setReturnArrays(true);
  for (const row of select.iterate()) digest.update(JSON.stringify(row));
  return digest.digest('hex');
}

function plainInsert(rows: readonly AuditDraft[]): { insert: Timed; stored: string } {
  const { db, done } = freshDb();
  const insert = db.prepare(
    `INSERT INTO audit_entries (seq, id, at, user, workstation, kind, operation_id, subject, title, target, host_ids, reason, outcome, data, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '')`,
  );
  const t = timed(() => {
    db.exec('BEGIN');
    rows.forEach((r, i) => {
      insert.run(i + 1, randomUUID(), Date.now(), 'maria', 'segreteria-pc', r.kind, r.operationId, r.subject, JSON.stringify(r.title), r.target, JSON.stringify(r.hostIds), r.reason, r.outcome, JSON.stringify(r.data));
    });
    db.exec('COMMIT');
  });
  const stored = storedDigest(db);
  db.close();
  done();
  return { insert: t, stored };
}

function chained(rows: readonly AuditDraft[]): { append: Timed; verify: Timed; intact: boolean; stored: string } {
  const { db, done } = freshDb();
  const audit = new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' } });
  const append = timed(() => {
    db.exec('BEGIN');
    for (const r of rows) audit.append(r);
    db.exec('COMMIT');
  });
  let state: ReturnType<AuditStore['verify']> | null = null;
  const verify = timed(() => (state = audit.verify()));
  const stored = storedDigest(db);
  db.close();
  done();
  const s = state as ReturnType<AuditStore['verify']> | null;
  return { append, verify, intact: s !== null && s.intact && s.entries === rows.length, stored };
}

export default async function run(): Promise<string[]> {
  const load = os.loadavg()[0]!.toFixed(1);
  const rows = drafts();
  const runs: { insert: Timed; append: Timed; verify: Timed }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { insert, stored } = plainInsert(rows);
    const c = chained(rows);
    if (!c.intact) throw new Error('the chain written by the bench does not verify');
    if (c.stored !== stored) throw new Error('the trail stored other rows than the plain INSERT');
    runs.push({ insert, append: c.append, verify: c.verify });
  }
  const med = (pick: (r: (typeof runs)[number]) => number) => summarize(runs.map(pick)).median;
  const base = med((r) => r.insert.wall);
  const baseCpu = med((r) => r.insert.cpu);
  const total = med((r) => r.append.wall + r.verify.wall);
  const totalCpu = med((r) => r.append.cpu + r.verify.cpu);
  const verifyWall = med((r) => r.verify.wall);
  const verifyCpu = med((r) => r.verify.cpu);
  return publish({
    name: 'audit',
    context: { entries: ENTRIES, runs: `${RUNS} (median)`, database: `WAL file under ${tmpdir()}, one outer transaction per side`, 'load average (1 min) at start': load },
    rows: [
      { label: `plain INSERT of ${ENTRIES} rows (wall)`, value: base, unit: 'ms' },
      { label: `plain INSERT of ${ENTRIES} rows (CPU)`, value: baseCpu, unit: 'ms' },
      { label: 'audit append (wall)', value: med((r) => r.append.wall), unit: 'ms', baseline: 'INSERT wall', ratio: med((r) => r.append.wall) / base },
      { label: 'audit append + verify (wall)', value: total, unit: 'ms', baseline: 'INSERT wall', ratio: total / base, goal: '≤ 1.5×', met: total / base <= 1.5 },
      { label: 'audit append + verify (CPU)', value: totalCpu, unit: 'ms', baseline: 'INSERT CPU', ratio: totalCpu / baseCpu, goal: '≤ 1.5×', met: totalCpu / baseCpu <= 1.5 },
      { label: `verify ${ENTRIES} entries (wall)`, value: verifyWall, unit: 'ms', goal: '< 1000 ms', met: verifyWall < 1000 },
      { label: `verify ${ENTRIES} entries (CPU)`, value: verifyCpu, unit: 'ms', goal: '< 1000 ms', met: verifyCpu < 1000 },
    ],
  });
}
