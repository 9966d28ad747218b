import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { passwordSecretKey } from '../../../electron/core/ssh/auth.ts';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { labUnavailable, startSshLab, until, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh ipc] skipped: ${skip}`);

describe.skipIf(skip !== null)('the SSH calls and events of the core, as the UI uses them', () => {
  let lab: Lab;
  let core: Core;
  let dataDir: string;
  const secrets = new MemorySecretStore();
  const seen: { event: EventName; payload: Record<string, unknown> }[] = [];
  const ctx = { signal: new AbortController().signal };

  beforeAll(async () => {
    lab = await startSshLab('small', 'ipc');
    dataDir = mkdtempSync(join(tmpdir(), 'custode-ssh-ipc-'));
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: secrets });
    core.events.subscribe((event, payload) => seen.push({ event, payload: payload as Record<string, unknown> }));
  });
  afterAll(async () => {
    core?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await lab?.stop();
  });

  const next = async (event: EventName, from: number) => {
    const found = await until(() => seen.slice(from).find((s) => s.event === event), (s) => s !== undefined);
    if (!found) throw new Error(`no ${event}`);
    return found.payload;
  };

  it('connect → host-key prompt → trust → login prompt → answer (remembered) → ready, with states as events', async () => {
    const esxi = lab.host('esxi-08');
    const from = seen.length;
    const connecting = core.router.dispatch('ssh.connect', { hostId: 'esxi-08', host: esxi.address, port: esxi.port, username: 'root', auth: { password: true } }, ctx);
    const hostKey = await next('ssh:hostKeyPrompt', from);
    expect(hostKey).toMatchObject({ hostId: 'esxi-08', keyType: 'ecdsa-sha2-nistp256', fingerprint: esxi.fingerprint });
    expect(await core.router.dispatch('ssh.pending', {}, ctx)).toMatchObject({ ok: true, value: { hostKeys: [{ promptId: hostKey.promptId }] } });
    expect(await core.router.dispatch('ssh.hostKey.answer', { promptId: hostKey.promptId, decision: 'trust' }, ctx)).toEqual({ ok: true, value: { accepted: true } });
    const login = await next('ssh:authPrompt', from);
    expect(login).toMatchObject({ kind: 'keyboard-interactive', canRemember: true, storage: { kind: 'memory' }, prompts: [{ text: 'Password: ', echo: false }] });
    await core.router.dispatch('ssh.auth.answer', { promptId: login.promptId, answers: [esxi.password], remember: true }, ctx);
    expect(await connecting).toMatchObject({ ok: true, value: { hostId: 'esxi-08', state: 'ready' } });
    expect(seen.slice(from).filter((s) => s.event === 'ssh:state').map((s) => s.payload.state)).toEqual(['connecting', 'verifying', 'authenticating', 'ready']);
    expect(await secrets.get(passwordSecretKey('esxi-08'))).toBe(esxi.password);
    expect(await core.router.dispatch('ssh.trust.pins', {}, ctx)).toMatchObject({ ok: true, value: [{ host: esxi.address, fingerprint: esxi.fingerprint, source: 'user' }] });
  });

  it('errors come back as stable codes', async () => {
    expect(await core.router.dispatch('ssh.connect', { hostId: 'nowhere', host: '127.0.0.1', port: 1, username: 'root', auth: { password: true } }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'ssh.unreachable' },
    });
    expect(await core.router.dispatch('ssh.disconnect', { hostId: 'never-added' }, ctx)).toMatchObject({ ok: false, error: { code: 'ssh.unknownHost' } });
  });

  it('the basic_text consent is off by default and set only by an explicit call', async () => {
    expect(core.secretConsent.accepted()).toBe(false);
    expect(await core.router.dispatch('ssh.secrets.acceptBasicText', { accepted: true }, ctx)).toMatchObject({ ok: true, value: { kind: 'memory', basicTextAccepted: true } });
    expect(core.secretConsent.accepted()).toBe(true);
  });
});
