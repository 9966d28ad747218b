import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordSecretKey } from '../../../electron/core/ssh/auth.ts';
import { ScriptedAuthPrompter } from '../../../electron/core/ssh/scripted-ports.ts';
import { cmd } from '../../../electron/core/shell/command.ts';
import { harness, labUnavailable, sshdLog, sshdLogSize, startSshLab, targetFor, type Lab } from './support/ssh-harness.ts';

const skip = labUnavailable();
if (skip) console.log(`[ssh auth] skipped: ${skip}`);

describe.skipIf(skip !== null)('SSH logins against the lab', () => {
  let lab: Lab;
  let scratch: string;
  let agent: ChildProcess | null = null;
  beforeAll(async () => {
    lab = await startSshLab('small', 'auth');
    scratch = mkdtempSync(join(tmpdir(), 'custode-ssh-auth-'));
  });
  afterAll(async () => {
    agent?.kill();
    rmSync(scratch, { recursive: true, force: true });
    await lab?.stop();
  });

  const whoami = cmd('id', '-un');

  it('logs in to an ESXi host with keyboard-interactive, answering its Password: prompt', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => esxi.password), remember: false }));
    const before = sshdLogSize(lab, esxi);
    h.ssh.register(targetFor(esxi, { password: true }));
    const result = await h.ssh.run('esxi-08', whoami);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'root\n' });
    expect(h.prompter.asked).toHaveLength(1);
    expect(h.prompter.asked[0]).toMatchObject({ kind: 'keyboard-interactive', hostId: 'esxi-08', canRemember: true, prompts: [{ text: 'Password: ', echo: false }] });
    expect(sshdLog(lab, esxi, before)).toMatch(/Accepted keyboard-interactive\/pam for root/);
    // Nothing was kept: the user did not ask.
    expect(await h.secrets.get(passwordSecretKey('esxi-08'))).toBeNull();
    h.close();
  });

  it('logs in with a plain password where the host allows it (the NAS)', async () => {
    const h = harness();
    const nas = lab.host('truenas');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => nas.password), remember: false }));
    const before = sshdLogSize(lab, nas);
    h.ssh.register(targetFor(nas, { password: true, passwordMethods: ['password'] }));
    expect((await h.ssh.run('truenas', whoami)).stdout).toBe('root\n');
    expect(h.prompter.asked.map((r) => r.kind)).toEqual(['password']);
    expect(sshdLog(lab, nas, before)).toMatch(/Accepted password for root/);
    h.close();
  });

  it('gives ssh.authFailed for a wrong password, after one try', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => 'not-the-password'), remember: false }));
    h.ssh.register(targetFor(esxi, { password: true }));
    await expect(h.ssh.run('esxi-08', whoami)).rejects.toMatchObject({ code: 'ssh.authFailed' });
    expect(h.ssh.states().find((s) => s.hostId === 'esxi-08')).toMatchObject({ state: 'failed', error: { code: 'ssh.authFailed' } });
    h.close();
  });

  it('keeps a password only when asked to, and only after it worked; then logs in without asking', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    h.prompter.set((r) => ({ answers: r.prompts.map(() => esxi.password), remember: true }));
    h.ssh.register(targetFor(esxi, { password: true }));
    await h.ssh.run('esxi-08', whoami);
    expect(await h.secrets.get(passwordSecretKey('esxi-08'))).toBe(esxi.password);
    h.ssh.disconnect('esxi-08');
    h.prompter.set(() => ({ cancelled: true }));
    expect((await h.ssh.run('esxi-08', whoami)).stdout).toBe('root\n');
    expect(h.prompter.asked).toHaveLength(1);
    h.close();
  });

  it('a cancelled prompt ends the login as ssh.authCancelled', async () => {
    const h = harness();
    h.ssh.register(targetFor(lab.host('esxi-08'), { password: true }));
    await expect(h.ssh.run('esxi-08', whoami)).rejects.toMatchObject({ code: 'ssh.authCancelled' });
    h.close();
  });

  it('logs in with a key file', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    const before = sshdLogSize(lab, esxi);
    h.ssh.register(targetFor(esxi));
    expect((await h.ssh.run('esxi-08', whoami)).stdout).toBe('root\n');
    expect(h.prompter.asked).toHaveLength(0);
    expect(sshdLog(lab, esxi, before)).toMatch(/Accepted publickey for root/);
    h.close();
  });

  it('logs in with an encrypted key file, asking for its passphrase', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    const key = join(scratch, 'id_rsa_encrypted');
    copyFileSync(esxi.privateKeyPath, key);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'correct horse', '-f', key]);
    h.prompter.set((r) => ({ answers: [r.kind === 'passphrase' ? 'correct horse' : ''], remember: false }));
    h.ssh.register(targetFor(esxi, { privateKeyPaths: [key] }));
    expect((await h.ssh.run('esxi-08', whoami)).stdout).toBe('root\n');
    expect(h.prompter.asked.map((r) => r.kind)).toEqual(['passphrase']);
    h.close();
  });

  it('logs in through ssh-agent', async () => {
    const h = harness();
    const esxi = lab.host('esxi-08');
    const socket = join(scratch, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('ssh-add', [esxi.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const before = sshdLogSize(lab, esxi);
    h.ssh.register(targetFor(esxi, { agent: socket }));
    expect((await h.ssh.run('esxi-08', whoami)).stdout).toBe('root\n');
    expect(sshdLog(lab, esxi, before)).toMatch(/Accepted publickey for root/);
    h.close();
  });

  it('refuses to connect when no login method is configured', async () => {
    const h = harness();
    h.ssh.register(targetFor(lab.host('esxi-08'), {}));
    await expect(h.ssh.run('esxi-08', whoami)).rejects.toMatchObject({ code: 'ssh.noAuthMethod' });
    expect(ScriptedAuthPrompter).toBeDefined();
    h.close();
  });
});
