import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';

const root = join(import.meta.dirname, '../../..');
const node = join(root, 'node_modules/.bin/node');
let home: string;

function custode(args: string[]) {
  const r = spawnSync(node, [join(root, 'electron/cli/bin.mjs'), 'audit', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', CUSTODE_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Three operations of one step each, as the app would record them. */
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'custode-audit-cli-'));
  const db = openDatabase(join(home, 'custode.sqlite'));
  const audit = new AuditStore(db, { actor: { user: 'maria', workstation: 'segreteria-pc' }, now: () => Date.UTC(2026, 11, 1, 8) });
  for (const [n, host] of [[1, 'esxi-01'], [2, 'esxi-02'], [3, 'esxi-03']] as const) {
    const common = { operationId: `op-${n}`, subject: 'directories.create', title: { key: 'operations.directories.title', params: { count: 1, host } }, target: host, hostIds: [`h-${n}`], reason: `prova ${n}` };
    audit.append({ ...common, kind: 'operation.start', outcome: null, data: { plan: null } });
    audit.append({ ...common, kind: 'operation.step', outcome: 'succeeded', data: { commands: [{ phase: 'run', command: `mkdir /vmfs/volumes/datastore1/f${n}`, at: 0, exitCode: 0, output: '', error: null }] } });
    audit.append({ ...common, kind: 'operation.end', outcome: 'succeeded', data: {} });
  }
  db.close();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('custode audit', () => {
  it('lists, shows and exports the trail', { timeout: 180_000 }, () => {
    const list = custode(['list', '--host', 'esxi-02']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('op-2');
    expect(list.out).toContain('prova 2');
    expect(list.out).not.toContain('op-1');
    const show = custode(['show', 'op-2']);
    expect(show.out).toContain('$ mkdir /vmfs/volumes/datastore1/f2');
    expect(show.out).toContain('exit 0');
    const csv = custode(['export', '--format', 'csv']);
    expect(csv.out.split('\r\n')[0]).toBe('seq,time,user,workstation,kind,operation,subject,title,target,reason,outcome,commands,hash,prev_hash');
    expect(csv.out.split('\r\n').filter(Boolean)).toHaveLength(10);
    expect(custode(['list', '--since', 'yesterday-ish']).code).toBe(2);
    expect(custode(['show', 'op-9']).code).toBe(1);
  });

  it('verify exits 0 on the untouched chain, 1 naming the entry after one byte changed, and after a row was deleted', { timeout: 180_000 }, () => {
    const ok = custode(['verify']);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('9 entries');

    const file = join(home, 'custode.sqlite');
    let db = new DatabaseSync(file);
    db.exec('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;');
    db.exec("UPDATE audit_entries SET data = replace(data, '/f2', '/f3') WHERE seq = 5");
    db.close();
    const changed = custode(['verify']);
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/entry #5 is not as it was written/);

    db = new DatabaseSync(file);
    db.exec("UPDATE audit_entries SET data = replace(data, '/f3', '/f2') WHERE seq = 5");
    expect(custode(['verify']).code).toBe(0);
    db.exec('DELETE FROM audit_entries WHERE seq = 7');
    db.close();
    const deleted = custode(['verify', '--json']);
    expect(deleted.code).toBe(1);
    expect(JSON.parse(deleted.out)).toMatchObject({ intact: false, firstBad: { seq: 7, problem: 'missing' } });
  });
});
