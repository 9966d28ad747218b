import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';

/** The backup calls through the app's own router: bad input is refused at the call, before any job starts. */
describe('backup IPC', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custode-backup-ipc-'));
  const core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
  afterAll(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const call = (name: string, input: unknown) => core.router.dispatch(name, input, { signal: new AbortController().signal });

  it('refuses an empty reason, an unknown host and a stray field; lists no runs on a new data folder', async () => {
    const host = core.fleet.hosts.add({ role: 'esxi', name: 'esxi-08', address: '10.0.0.8', auth: 'password' });
    expect(await call('backup.start', { hostId: host.id, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'operations.reasonRequired' } });
    expect(await call('backup.check', { hostId: 'nope' })).toMatchObject({ ok: false, error: { code: 'fleet.hostNotFound' } });
    expect((await call('backup.start', { hostId: host.id, reason: 'x', force: true })).ok).toBe(false);
    expect(await call('backup.attach', { hostId: host.id })).toMatchObject({ ok: false, error: { code: 'backup.noRun' } });
    // A reviewed plan is named by the id backup.plan gave; one never planned is refused before any job starts.
    expect(await call('backup.start', { hostId: host.id, reason: 'x', planId: 'never-planned' })).toMatchObject({ ok: false, error: { code: 'backup.planUnknown' } });
    expect(await call('backup.plan', { hostId: 'nope' })).toMatchObject({ ok: false, error: { code: 'fleet.hostNotFound' } });
    expect(await call('backup.runs', {})).toEqual({ ok: true, value: [] });
    expect(core.jobs.list()).toEqual([]);
  });

  it('refuses a cancel without a reason or for an unknown host before any job starts', async () => {
    const host = core.fleet.hosts.list().find((h) => h.name === 'esxi-08') ?? core.fleet.hosts.add({ role: 'esxi', name: 'esxi-08', address: '10.0.0.8', auth: 'password' });
    expect(await call('backup.cancel', { hostId: host.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'operations.reasonRequired' } });
    expect(await call('backup.cancel', { hostId: 'nope', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'fleet.hostNotFound' } });
    expect((await call('backup.cancel', { hostId: host.id })).ok).toBe(false);
    expect(core.jobs.list()).toEqual([]);
  });
});
