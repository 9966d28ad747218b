import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import type { FleetView } from '../../../shared/ipc/fleet.ts';
import { HIDDEN_VALUE } from '../../../shared/model/hidden-value.ts';
import { DATASTORE_DIR } from '../../lab/esxi/ghettovcb-install.ts';
import { hostPath } from '../../lab/esxi/paths.ts';
import { startLab, teardownLab, type Lab } from '../../lab/api.ts';
import { coreCalls } from '../core-calls.ts';
import { filesContaining, modes } from '../../unit/fleet/secrets-at-rest.ts';

const skip =
  typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : !existsSync('/usr/sbin/sshd') ? 'openssh-server is not installed' : null;
if (skip) console.log(`[secrets-at-rest] skipped: ${skip}`);

const SECRET = 'Planted-Mail-Pw-7f3a';
const TOKEN = 'planted-token-91c2';

/**
 * A password in a lab host's ghettoVCB conf goes through the real probe (SSH, cat, parse) and the real store:
 * nothing under the data folder may hold it afterwards, while the fleet view still says it is kept in clear.
 */
describe.skipIf(skip !== null)('conf secrets from a real host never reach the data folder', () => {
  let lab: Lab;
  let core: Core;
  let closed = false;
  let dataDir: string;
  const stateDir = '/var/tmp/custode-lab-secrets-at-rest';

  beforeAll(async () => {
    await teardownLab(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
    lab = await startLab({ topology: 'small', stateDir, seedHistory: false });
    const host = lab.hosts.find((h) => h.role === 'esxi')!;
    const conf = hostPath(host.hostFs, `${DATASTORE_DIR}/ghettoVCB.conf`);
    appendFileSync(conf, `EMAIL_USER_PASSWORD="${SECRET}"\nSMTP_TOKEN=${TOKEN}\nEMAIL_USER_PASSWORD = ${SECRET}-spaced\n`);
    expect(readFileSync(conf, 'utf8')).toContain(SECRET);
    dataDir = join(mkdtempSync(join(tmpdir(), 'custode-at-rest-it-')), 'data');
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    core.events.subscribe((event, payload) => {
      if (event === 'ssh:hostKeyPrompt') {
        void core.router.dispatch('ssh.hostKey.answer', { promptId: (payload as { promptId: string }).promptId, decision: 'trust' }, { signal: new AbortController().signal });
      }
      // The password was not remembered, so the refresh asks for it, as the login dialog would.
      if (event === 'ssh:authPrompt') {
        const p = payload as { promptId: string; prompts: unknown[] };
        void core.router.dispatch('ssh.auth.answer', { promptId: p.promptId, answers: p.prompts.map(() => host.password), remember: false }, { signal: new AbortController().signal });
      }
    });
  });
  afterAll(async () => {
    if (!closed) core?.close();
    if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
    await lab?.stop();
  });

  const { call, job } = coreCalls(() => core);

  it('adds and refreshes the host; the view warns about the password but never holds it', async () => {
    const host = lab.hosts.find((h) => h.role === 'esxi')!;
    expect(await job('fleet.addHost', { host: { role: 'esxi', address: host.address, port: host.port, auth: 'password' }, password: host.password, remember: false })).toMatchObject({ state: 'succeeded' });
    expect(await job('fleet.refresh', {})).toMatchObject({ state: 'succeeded' });
    const view = await call<FleetView>('fleet.view', {});
    const codes = view.esxi[0]!.findings.map((f) => f.code);
    expect(codes).toContain('ghettovcb.conf.passwordInClear');
    const text = JSON.stringify(view);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain(HIDDEN_VALUE); // the spaced line's finding quotes it, hidden
  });

  it('no file under the data folder contains the planted secrets, and the folder is private', () => {
    core.close();
    // Opened once more, as the next start would (the scrub of older facts runs then).
    core = createCore({ dataDir, mode: 'browser', appVersion: 'test', secretStore: new MemorySecretStore() });
    core.close();
    closed = true;
    for (const needle of [SECRET, TOKEN]) expect(filesContaining(dataDir, needle), needle).toEqual([]);
    expect(filesContaining(dataDir, 'EMAIL_USER_PASSWORD')).not.toEqual([]); // the conf itself was stored
    const m = modes(dataDir);
    expect(m['.']).toBe(0o700);
    for (const [name, mode] of Object.entries(m)) if (name !== '.') expect(mode, name).toBe(0o600);
  });
});
