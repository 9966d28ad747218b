import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorWords } from '../../../electron/cli/fleet-words.ts';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { PinStore } from '../../../electron/core/trust/pin-store.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';

/**
 * Bad input to the write path through the app's own contract: an unknown plan or operation id, a reason over
 * 2,000 characters, a plan whose machine was removed after it was made. Each is a typed error whose words exist in
 * Italian and English with its values filled in, and the trail holds no half-written operation.
 */
let core: Core | null = null;
let dir = '';
afterEach(() => {
  core?.close();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

function open(): Core {
  dir = mkdtempSync(join(tmpdir(), 'custode-bad-input-'));
  core = createCore({ dataDir: dir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
  return core;
}

async function call(c: Core, name: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorData }> {
  return (await c.router.dispatch(name, input, { signal: new AbortController().signal })) as { ok: true; value: unknown } | { ok: false; error: ErrorData };
}

/** The error's words in both languages: its own text, with no placeholder left and no fallback to the generic one. */
function bothLanguages(error: ErrorData): { it: string; en: string } {
  const words = { it: errorWords('it', error), en: errorWords('en', error) };
  for (const text of Object.values(words)) {
    expect(text).not.toMatch(/\{\{|\?\?|Custode \(|inside Custode/);
  }
  expect(words.it).not.toBe(words.en);
  return words;
}

describe('bad input to the write path', () => {
  it('an unknown plan or operation id is a typed error in both languages', async () => {
    const c = open();
    const run = await call(c, 'operations.run', { planId: 'no-such-plan', reason: 'prova' });
    expect(run).toMatchObject({ ok: false, error: { code: 'operations.unknownPlan' } });
    bothLanguages((run as { error: ErrorData }).error);
    for (const name of ['operations.result', 'operations.planUndo']) {
      const r = await call(c, name, { operationId: 'no-such-operation' });
      expect(r).toMatchObject({ ok: false, error: { code: 'operations.unknownOperation' } });
      bothLanguages((r as { error: ErrorData }).error);
    }
    expect(c.audit.verify().entries).toBe(0);
  });

  it('a reason over 2,000 characters is refused with its length, and the plan still waits', async () => {
    const c = open();
    const host = c.fleet.hosts.add({ role: 'esxi', name: 'esxi-07', address: '10.0.0.7', auth: 'password' });
    const planned = (await call(c, 'operations.plan', { kind: 'host.remove', hostId: host.id })) as { ok: true; value: OperationPlan };
    const refused = await call(c, 'operations.run', { planId: planned.value.id, reason: 'perché '.repeat(300) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'operations.reasonTooLong', details: { length: 2099, max: 2000 } } });
    const words = bothLanguages((refused as { error: ErrorData }).error);
    expect(words.it).toContain('2099');
    expect(words.en).toContain('2000');
    expect(c.audit.verify().entries).toBe(0);
    expect(c.fleet.hosts.list().map((h) => h.id)).toEqual([host.id]);
    expect(await call(c, 'operations.get', { planId: planned.value.id })).toMatchObject({ ok: true });
  });

  it('a plan whose machine was removed meanwhile is refused whole: one refused entry, no start, nothing run', async () => {
    const c = open();
    const host = c.fleet.hosts.add({ role: 'esxi', name: 'esxi-07', address: '10.0.0.7', auth: 'password' });
    const planned = (await call(c, 'operations.plan', { kind: 'host.remove', hostId: host.id })) as { ok: true; value: OperationPlan };
    expect(await call(c, 'fleet.removeHost', { hostId: host.id, reason: 'dismesso dall’altra finestra' })).toMatchObject({ ok: true });
    const before = c.audit.verify().entries;
    const refused = await call(c, 'operations.run', { planId: planned.value.id, reason: 'dismesso' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'operations.targetGone' } });
    bothLanguages((refused as { error: ErrorData }).error);
    const entries = c.audit.show(planned.value.id);
    expect(entries.map((e) => [e.kind, e.outcome, e.reason])).toEqual([['operation.refused', 'refused', 'dismesso']]);
    expect(c.audit.verify()).toMatchObject({ intact: true, entries: before + 1 });
    // The refused plan is gone: running it again is an unknown plan, not a second refusal.
    expect(await call(c, 'operations.run', { planId: planned.value.id, reason: 'dismesso' })).toMatchObject({ ok: false, error: { code: 'operations.unknownPlan' } });
  });

  it('removing a machine or forgetting its keys over IPC needs a reason: none or a blank one is refused, nothing changes', async () => {
    const c = open();
    const host = c.fleet.hosts.add({ role: 'esxi', name: 'esxi-07', address: '10.0.0.7', auth: 'password' });
    // The pin is written as the app's other connection would (the CLI or a second window): same file, own handle.
    const db = openDatabase(join(dir, 'custode.sqlite'));
    new PinStore(db).pin({ host: '10.0.0.7', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', publicKey: 'AAAA', source: 'user', pinnedAt: 1 });
    db.close();
    for (const [name, input] of [
      ['fleet.removeHost', { hostId: host.id }],
      ['ssh.trust.forget', { host: '10.0.0.7', port: 22 }],
    ] as const) {
      expect(await call(c, name, input), name).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
      const blank = await call(c, name, { ...input, reason: ' \n ' });
      expect(blank, name).toMatchObject({ ok: false, error: { code: 'operations.reasonRequired' } });
      bothLanguages((blank as { error: ErrorData }).error);
    }
    expect(c.fleet.hosts.list().map((h) => h.id)).toEqual([host.id]);
    expect(await call(c, 'ssh.trust.pins', { host: '10.0.0.7', port: 22 })).toMatchObject({ ok: true, value: [{ fingerprint: 'SHA256:abc' }] });
    expect(c.audit.verify()).toMatchObject({ intact: true, entries: 0 });

    expect(await call(c, 'ssh.trust.forget', { host: '10.0.0.7', port: 22, reason: 'host reinstallato' })).toMatchObject({ ok: true, value: { removed: 1 } });
    expect(await call(c, 'fleet.removeHost', { hostId: host.id, reason: 'dismesso' })).toMatchObject({ ok: true });
    expect(c.audit.list().map((e) => [e.subject, e.reason, e.outcome])).toEqual(
      expect.arrayContaining([
        ['trust.forget', 'host reinstallato', 'succeeded'],
        ['host.remove', 'dismesso', 'succeeded'],
      ]),
    );
  });
});
