import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { custodeInProcess } from '../../custode-in-process.ts';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';
import { closedPort } from '../../closed-port.ts';

/**
 * `custode fleet add-host` goes the app's way: without --yes it prints the plan (steps, checks, undo, the exact
 * commands) and writes nothing; with --reason and --yes it runs as an operation and the trail holds the reason and
 * what happened; a missing or too long reason is refused before anything is sent or written.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custode-fleet-write-'));
  dirs.push(dir);
  return dir;
}

const custode = (dataDir: string, argv: string[]) => custodeInProcess(argv, { CUSTODE_HOME: dataDir, LANG: 'C' });

function trail(dataDir: string) {
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  try {
    const audit = new AuditStore(db);
    return { state: audit.verify(), items: audit.list(), hosts: new HostStore(db).list() };
  } finally {
    db.close();
  }
}

describe('custode fleet add-host as an operation', () => {
  it('prints the plan with its exact commands and runs nothing without --yes', async () => {
    const dir = home();
    const it = await custode(dir, ['fleet', 'add-host', '10.0.0.9', '--port', '2222', '--key', '/home/maria/.ssh/id_ed25519', '--lang', 'it']);
    expect(it.code).toBe(0);
    expect(it.out).toContain('Piano: Aggiungi 10.0.0.9 a Custode (Rischio basso)');
    expect(it.out).toContain('custode fleet add-host 10.0.0.9 --port 2222 --user root --auth key --key /home/maria/.ssh/id_ed25519');
    expect(it.out).toContain('#   check: custode fleet has-not 10.0.0.9:2222');
    expect(it.out).toContain('#   undo: custode fleet remove 10.0.0.9:2222');
    expect(it.out).toContain('--reason "perché" --yes');
    const en = await custode(dir, ['fleet', 'add-nas', '10.0.0.10', '--key', '/k', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Connect to the NAS 10.0.0.10 as root');
    expect(en.out).toContain('Nothing was run.');
    expect(trail(dir)).toMatchObject({ state: { intact: true, entries: 0 }, items: [], hosts: [] });
  });

  it('refuses --yes without a reason, or with one over 2,000 characters, before anything is written', async () => {
    const dir = home();
    const none = await custode(dir, ['fleet', 'add-host', '10.0.0.9', '--key', '/k', '--yes', '--lang', 'en']);
    expect(none).toMatchObject({ code: 2, out: '' });
    expect(none.err).toContain('the reason is required');
    const long = await custode(dir, ['fleet', 'add-host', '10.0.0.9', '--key', '/k', '--yes', '--reason', 'x'.repeat(2001), '--lang', 'it']);
    expect(long.code).toBe(2);
    expect(long.err).toContain('Il motivo ha 2001 caratteri; accorcialo a non più di 2000.');
    expect(trail(dir)).toMatchObject({ state: { intact: true, entries: 0 }, hosts: [] });
  });

  it('runs with --reason --yes and records the reason, the command and why it failed', async () => {
    const dir = home();
    const port = await closedPort();
    const reason = 'nuovo host in aula magna';
    const run = await custode(dir, ['fleet', 'add-host', '127.0.0.1', '--port', String(port), '--key', '/k', '--reason', reason, '--yes', '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^custode: /);
    const { state, items, hosts } = trail(dir);
    expect(state).toMatchObject({ intact: true });
    expect(hosts).toEqual([]);
    expect(items).toMatchObject([{ subject: 'host.add', reason, outcome: 'failed', commands: 2, target: `127.0.0.1:${port}` }]);
    const show = await custode(dir, ['audit', 'show', items[0]!.operationId!]);
    expect(show.out).toContain(`$ custode fleet add-host 127.0.0.1 --port ${port} --user root --auth key --key /k`);
    expect(show.out).toContain('ssh.unreachable');
  });

  it('refuses a machine that is already in the fleet, writing nothing', async () => {
    const dir = home();
    const db = openDatabase(join(dir, 'custode.sqlite'));
    new HostStore(db).add({ role: 'esxi', name: 'esxi-09', address: '10.0.0.9', auth: 'key', keyPath: '/k' });
    db.close();
    const again = await custode(dir, ['fleet', 'add-host', '10.0.0.9', '--key', '/k', '--reason', 'di nuovo', '--yes', '--lang', 'it']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('esxi-09');
    expect(trail(dir).state.entries).toBe(0);
  });
});
