import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { custodeInProcess } from '../../custode-in-process.ts';
import { AuditStore } from '../../../electron/core/audit/audit-store.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';
import { PinStore } from '../../../electron/core/trust/pin-store.ts';

/**
 * `custode fleet remove` and `custode trust forget`, the commands the removal and forget plans name: without --yes
 * they print the plan and change nothing; with --reason "…" --yes (and, for the dangerous forget, --confirm naming
 * address:port) they run as audited operations. An unknown machine or a blank reason is refused before anything is
 * written.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A data folder with esxi-09 (10.0.0.9:22) in the fleet and an ed25519 key pinned for it. */
function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custode-remove-forget-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'custode.sqlite'));
  new HostStore(db).add({ role: 'esxi', name: 'esxi-09', address: '10.0.0.9', auth: 'key', keyPath: '/k' });
  new PinStore(db).pin({ host: '10.0.0.9', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:pinned09', publicKey: 'AAAA', source: 'user', pinnedAt: 1 });
  db.close();
  return dir;
}

const custode = (dataDir: string, argv: string[]) => custodeInProcess(argv, { CUSTODE_HOME: dataDir, LANG: 'C' });

function state(dataDir: string) {
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  try {
    const audit = new AuditStore(db);
    return { chain: audit.verify(), items: audit.list(), hosts: new HostStore(db).list().map((h) => h.name), pins: new PinStore(db).all().map((p) => `${p.host}:${p.port}`) };
  } finally {
    db.close();
  }
}

const UNTOUCHED = { chain: { intact: true, entries: 0 }, items: [], hosts: ['esxi-09'], pins: ['10.0.0.9:22'] };

// The first run loads the CLI's modules (ssh2, SQLite): seconds on a loaded machine.
describe('custode fleet remove', { timeout: 60_000 }, () => {
  it('prints the plan without --yes and changes nothing', async () => {
    const dir = home();
    const it = await custode(dir, ['fleet', 'remove', 'esxi-09', '--lang', 'it']);
    expect(it.code, it.err).toBe(0);
    expect(it.out).toContain('custode fleet remove esxi-09');
    expect(it.out).toContain('#   undo: custode fleet restore esxi-09 --address 10.0.0.9:22');
    expect(it.out).toContain('Non è stato eseguito nulla.');
    expect(state(dir)).toMatchObject(UNTOUCHED);
  });

  it('refuses an unknown machine and a blank reason before anything is written, in both languages', async () => {
    const dir = home();
    const unknown = await custode(dir, ['fleet', 'remove', 'esxi-99', '--reason', 'dismesso', '--yes', '--lang', 'en']);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe('custode: There is no machine “esxi-99” in Custode. Check its name or address with “custode fleet list”.\n');
    const otherPort = await custode(dir, ['fleet', 'remove', '10.0.0.9:2222', '--reason', 'dismesso', '--yes', '--lang', 'it']);
    expect(otherPort.err).toContain('In Custode non c’è una macchina «10.0.0.9:2222»');
    const blank = await custode(dir, ['fleet', 'remove', 'esxi-09', '--reason', '   ', '--yes', '--lang', 'it']);
    expect(blank).toMatchObject({ code: 2, out: '' });
    expect(blank.err).toContain('il motivo è obbligatorio');
    const none = await custode(dir, ['fleet', 'remove', 'esxi-09', '--yes', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('the reason is required');
    expect(state(dir)).toMatchObject(UNTOUCHED);
  });

  it('removes the machine named by address with --reason --yes and records it with its reason', async () => {
    const dir = home();
    const run = await custode(dir, ['fleet', 'remove', '10.0.0.9', '--reason', 'dismesso a fine anno', '--yes', '--lang', 'en']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('removed esxi-09 (10.0.0.9:22) from Custode; nothing on the machine itself was changed');
    const after = state(dir);
    expect(after).toMatchObject({ chain: { intact: true }, hosts: [], pins: ['10.0.0.9:22'] });
    expect(after.items).toMatchObject([{ subject: 'host.remove', reason: 'dismesso a fine anno', outcome: 'succeeded' }]);
    expect(run.out).toContain(`custode audit show ${after.items[0]!.operationId}`);
  });
});

describe('custode trust forget', { timeout: 60_000 }, () => {
  it('prints the dangerous plan, with what to confirm, and changes nothing without --yes', async () => {
    const dir = home();
    const en = await custode(dir, ['trust', 'forget', 'esxi-09', '--lang', 'en']);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('ssh-ed25519 SHA256:pinned09');
    expect(en.out).toContain('To run it, add --confirm 10.0.0.9:22.');
    expect(en.out).toContain('custode trust forget 10.0.0.9:22');
    expect(state(dir)).toMatchObject(UNTOUCHED);
  });

  it('refuses an address with no pinned key, a blank reason and a missing confirmation, before anything is written', async () => {
    const dir = home();
    const unknown = await custode(dir, ['trust', 'forget', '10.0.0.99', '--reason', 'reinstallato', '--yes', '--lang', 'it']);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe('custode: Per 10.0.0.99:22 non è registrata nessuna chiave.\n');
    const blank = await custode(dir, ['trust', 'forget', '10.0.0.9:22', '--reason', '', '--yes', '--confirm', '10.0.0.9:22', '--lang', 'en']);
    expect(blank).toMatchObject({ code: 2, out: '' });
    expect(blank.err).toContain('the reason is required');
    const unconfirmed = await custode(dir, ['trust', 'forget', '10.0.0.9', '--reason', 'reinstallato', '--yes', '--lang', 'en']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('10.0.0.9:22');
    expect(state(dir)).toMatchObject(UNTOUCHED);
  });

  it('forgets the pins of a machine named in the fleet with --reason --yes --confirm, recorded with the reason, and the host stays in the fleet', async () => {
    const dir = home();
    const done = await custode(dir, ['trust', 'forget', 'esxi-09', '--reason', 'host reinstallato', '--yes', '--confirm', '10.0.0.9:22', '--lang', 'it']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('dimenticate 1 chiave/i registrate di 10.0.0.9:22');
    const after = state(dir);
    expect(after).toMatchObject({ chain: { intact: true }, hosts: ['esxi-09'], pins: [] });
    // The operation, and the trust decision it made (the pin removed), each an entry of the trail.
    expect(after.items).toMatchObject([
      { subject: 'trust.removed', target: '10.0.0.9' },
      { subject: 'trust.forget', reason: 'host reinstallato', outcome: 'succeeded', target: '10.0.0.9:22' },
    ]);
  });
});
