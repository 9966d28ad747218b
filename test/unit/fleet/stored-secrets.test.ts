import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { FleetView } from '../../../shared/ipc/fleet.ts';
import { HIDDEN_VALUE } from '../../../shared/model/hidden-value.ts';
import { filesContaining, modes } from './secrets-at-rest.ts';

const SECRET = 'Old-Versi0n-Leak';
// Recorded from the seed lab (test/fixtures/fleet/SOURCES.md): a real host's facts, as an older Custode stored them.
const FACTS = readFileSync(new URL('../../fixtures/fleet/esxi-08-facts.json', import.meta.url), 'utf8');
function withSecret(n: number): string {
  const facts = JSON.parse(FACTS) as { confs: { text: string | null }[] };
  facts.confs[0]!.text += `\nEMAIL_USER_PASSWORD="${SECRET}${n}"\nSMTP_TOKEN=${SECRET}-token\n`;
  return JSON.stringify(facts);
}

describe.skipIf(process.platform === 'win32')('secrets at rest in the data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'custode-at-rest-')), 'data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  const open = () => createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });

  it('the data folder is 0700 and the database and its -wal/-shm are 0600', () => {
    const core = open();
    const m = modes(dataDir);
    core.close();
    expect(m['.']).toBe(0o700);
    expect(m['custode.sqlite']).toBe(0o600);
    expect(m['custode.sqlite-wal']).toBe(0o600);
    expect(m['custode.sqlite-shm']).toBe(0o600);
  });

  it('tightens a data folder and database an older Custode created 0755/0644', () => {
    open().close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'custode.sqlite'), 0o644);
    open().close();
    expect(modes(dataDir)['.']).toBe(0o700);
    expect(modes(dataDir)['custode.sqlite']).toBe(0o600);
  });

  it('scrubs conf secrets an older version stored, everywhere in the folder, and the view still warns about them', async () => {
    open().close();
    // What an older Custode left: a host, its facts with the password, replaced by three refreshes (free pages).
    const raw = new DatabaseSync(join(dataDir, 'custode.sqlite'));
    raw.prepare("INSERT INTO hosts (id, role, name, address, port, username, auth, created_at) VALUES ('h1', 'esxi', 'esxi-08', '127.10.8.5', 22, 'root', 'password', 0)").run();
    for (let n = 0; n < 3; n++) {
      raw.prepare(
        `INSERT INTO fleet_probes (host_id, attempted_at, state, facts, facts_at, facts_schema) VALUES ('h1', ?, 'ok', ?, ?, 1)
         ON CONFLICT(host_id) DO UPDATE SET facts = excluded.facts, attempted_at = excluded.attempted_at`,
      ).run(n, withSecret(n), n);
    }
    raw.close();
    expect(filesContaining(dataDir, SECRET)).not.toEqual([]);

    const core = open();
    const view = await core.router.dispatch('fleet.view', {}, { signal: new AbortController().signal });
    core.close();
    expect(view.ok).toBe(true);
    const host = (view as { value: FleetView }).value.esxi[0]!;
    expect(host.findings.map((f) => f.code)).toContain('ghettovcb.conf.passwordInClear');
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(filesContaining(dataDir, SECRET)).toEqual([]);
    expect(filesContaining(dataDir, HIDDEN_VALUE)).toEqual([join(dataDir, 'custode.sqlite')]);

    // Idempotent: opening again changes nothing.
    const before = readFileSync(join(dataDir, 'custode.sqlite'));
    open().close();
    expect(readFileSync(join(dataDir, 'custode.sqlite')).equals(before)).toBe(true);
  });
});
