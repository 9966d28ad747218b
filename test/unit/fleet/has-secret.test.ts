import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { passwordSecretKey } from '../../../electron/core/ssh/auth.ts';
import type { FleetView } from '../../../shared/ipc/fleet.ts';

/** The "password remembered" flag of the fleet view, asked of the store the running app really uses. */
describe('hasSecret in the fleet view', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'custode-has-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const addHostRow = (id: string, address: string, hasSecret: 0 | 1) => {
    const db = new DatabaseSync(join(dataDir, 'custode.sqlite'));
    db.prepare("INSERT INTO hosts (id, role, name, address, port, username, auth, has_secret, created_at) VALUES (?, 'esxi', ?, ?, 22, 'root', 'password', ?, 0)").run(id, id, address, hasSecret);
    db.close();
  };
  const flags = async (secrets: MemorySecretStore) => {
    const core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: secrets });
    const result = await core.router.dispatch('fleet.view', {}, { signal: new AbortController().signal });
    core.close();
    if (!result.ok) throw new Error(result.error.code);
    return Object.fromEntries((result.value as FleetView).esxi.map((e) => [e.host.id, e.host.hasSecret]));
  };

  it('a restarted browser mode (a new, empty in-memory store) says no password is remembered', async () => {
    createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() }).close();
    addHostRow('h1', '127.10.9.1', 1);
    const before = new MemorySecretStore();
    await before.set(passwordSecretKey('h1'), 'pw');
    expect(await flags(before)).toEqual({ h1: true });
    expect(await flags(new MemorySecretStore())).toEqual({ h1: false });
  });

  it('a password remembered later (from the login dialog, not when adding) shows as remembered', async () => {
    createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() }).close();
    addHostRow('h1', '127.10.9.1', 0);
    addHostRow('h2', '127.10.9.2', 0);
    const store = new MemorySecretStore();
    await store.set(passwordSecretKey('h2'), 'pw');
    expect(await flags(store)).toEqual({ h1: false, h2: true });
  });
});
