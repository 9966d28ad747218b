import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { HostStore } from '../../../electron/core/fleet/host-store.ts';
import { fingerprintOf, keyTypeOf } from '../../../electron/core/trust/fingerprint.ts';
import { PinStore } from '../../../electron/core/trust/pin-store.ts';
import { custodeProcess } from '../../custode-process.ts';

/**
 * A host that logs in with a password, and `custode` run as a script runs it: its own process, stdin a pipe (no
 * terminal), no `--password-stdin`. The host is an SSH server in this process (ssh2's) that asks `Password:` the way
 * ESXi does (keyboard-interactive, then plain password) and accepts only PASSWORD; its key is pinned, so the login
 * is what fails. The CLI must say how to give the password, in the run's language, and still exit 1; given one on
 * stdin, it sends it as before.
 */
const PASSWORD = 'correct horse';
const home = mkdtempSync(join(tmpdir(), 'custode-password-hint-'));
const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
/** What the host was sent for a password, in order: it tells the piped password went out, and nothing when none came. */
const answers: string[] = [];

const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
  client.on('error', () => undefined);
  client.on('authentication', (ctx) => {
    if (ctx.method === 'keyboard-interactive') {
      ctx.prompt([{ prompt: 'Password: ', echo: false }], (given) => {
        answers.push(...given);
        if (given[0] === PASSWORD) ctx.accept();
        else ctx.reject(['password']);
      });
    } else if (ctx.method === 'password') {
      answers.push(ctx.password);
      if (ctx.password === PASSWORD) ctx.accept();
      else ctx.reject();
    } else ctx.reject(['keyboard-interactive', 'password']);
  });
  // Logged in, the host runs nothing: this test is about the login.
  client.on('session', (accept) => accept().on('exec', (_accept, reject) => reject()));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const db = openDatabase(join(home, 'custode.sqlite'));
  new HostStore(db).add({ role: 'esxi', name: 'esxi-pw', address: '127.0.0.1', port, auth: 'password' });
  const blob = (ssh2.utils.parseKey(hostKey.public) as ssh2.ParsedKey).getPublicSSH();
  new PinStore(db).pin({ host: '127.0.0.1', port, keyType: keyTypeOf(blob), fingerprint: fingerprintOf(blob), publicKey: blob.toString('base64'), source: 'user', pinnedAt: Date.now() });
  db.close();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(home, { recursive: true, force: true });
});

/** `custode …` as its own process on `at` (stdin a pipe, never a terminal); the server keeps answering meanwhile. */
const custode = (args: string[], input = '', at = home) =>
  custodeProcess(args, { CUSTODE_HOME: at, CUSTODE_CLI_FROM_SOURCES: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', TZ: 'UTC', SSH_AUTH_SOCK: '' }, input);

// Each case starts a process: on a busy machine that is slow, never a race.
describe('a CLI command that needs a password it was not given', { timeout: 60_000 }, () => {
  it('fleet status says, in English, to pass it with --password-stdin, and exits 1', async () => {
    answers.length = 0;
    const r = await custode(['fleet', 'status', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Login cancelled. You gave no password, and custode does not ask for one on the terminal: pass it on standard input with --password-stdin');
    // The example is the command as it was typed, with the flag added.
    expect(r.out).toContain(`(e.g. \`printf '%s\\n' "$PASS" | custode fleet status --lang en --password-stdin\`)`);
    expect(r.out).toContain('[ssh.authCancelled]');
    // Nothing was sent in place of the password.
    expect(answers).toEqual([]);
  });

  it('fleet status says it in Italian too, addressing the user with “tu”', async () => {
    const r = await custode(['fleet', 'status', '--lang', 'it']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Accesso annullato. Non hai passato la password e custode non la chiede sul terminale: passala sullo standard input con --password-stdin');
    expect(r.out).toContain(`(ad es. \`printf '%s\\n' "$PASS" | custode fleet status --lang it --password-stdin\`)`);
    expect(r.out).not.toContain('--password-stdin (e.g.');
  });

  it('the JSON view keeps the stable code, with the hint as data', async () => {
    const r = await custode(['fleet', 'status', '--json']);
    expect(r.code).toBe(1);
    const view = JSON.parse(r.out) as { esxi: Array<{ state: string; error: { code: string; details: Record<string, unknown> } }> };
    expect(view.esxi[0]).toMatchObject({ state: 'failed', error: { code: 'ssh.authCancelled', details: { hint: 'cli.hint.passwordStdin', command: 'custode fleet status --json' } } });
  });

  it('with --password-stdin the piped password is sent as before, and no hint is given', async () => {
    answers.length = 0;
    const r = await custode(['fleet', 'status', '--lang', 'en', '--password-stdin'], 'wrong guess\n');
    expect(r.code).toBe(1);
    expect(answers[0]).toBe('wrong guess');
    expect(r.out).toContain('[ssh.authFailed]');
    expect(r.out).not.toContain('--password-stdin');
    answers.length = 0;
    const ok = await custode(['fleet', 'status', '--json', '--password-stdin'], `${PASSWORD}\n`);
    expect(answers).toEqual([PASSWORD]);
    expect(JSON.stringify(JSON.parse(ok.out))).not.toMatch(/authCancelled|authFailed|cli\.hint/);
  });
});

describe('a backup command on a host that needs a password it was not given', { timeout: 60_000 }, () => {
  it('backup check says the login, not the host, failed, and how to pass the password: its own line, quoted', async () => {
    answers.length = 0;
    const r = await custode(['backup', 'check', 'esxi-pw', '--vm', 'lab $(x) 1', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Custode could not log in to esxi-pw (ssh.authCancelled), so nothing was started.');
    expect(r.err).not.toContain('reachable');
    expect(r.err).toContain(`(e.g. \`printf '%s\\n' "$PASS" | custode backup check esxi-pw --vm 'lab $(x) 1' --lang en --password-stdin\`)`);
    expect(answers).toEqual([]);
  });

  it('in Italian too', async () => {
    const r = await custode(['backup', 'check', 'esxi-pw', '--lang', 'it']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Custode non è riuscito ad accedere a esxi-pw (ssh.authCancelled)');
    expect(r.err).toContain('passala sullo standard input con --password-stdin');
    expect(r.err).toContain('custode backup check esxi-pw --lang it --password-stdin');
  });

  it('backup cancel, before it plans anything, says the same', async () => {
    const r = await custode(['backup', 'cancel', 'esxi-pw', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('custode: Login cancelled. You gave no password');
    expect(r.err).toContain('custode backup cancel esxi-pw --lang en --password-stdin');
  });

  it('with --password-stdin, backup check and backup run send the piped password, and a wrong one is a failed login', async () => {
    for (const command of [['backup', 'check', 'esxi-pw'], ['backup', 'run', 'esxi-pw']]) {
      answers.length = 0;
      const r = await custode([...command, '--lang', 'en', '--password-stdin'], 'wrong guess\n');
      expect(r.code).toBe(1);
      expect(answers[0]).toBe('wrong guess');
      expect(r.err).toContain('Custode could not log in to esxi-pw (ssh.authFailed)');
      expect(r.err).not.toContain('--password-stdin');
    }
  });
});

describe('a restore or a drill that needs a host Custode has not read yet', { timeout: 60_000 }, () => {
  it('restore copies reads the host first, and says the login failed, not that there are no copies', async () => {
    answers.length = 0;
    const r = await custode(['restore', 'copies', '--vm', 'lab; vm', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Custode could not log in to esxi-pw (ssh.authCancelled), so it does not know which VMs and backups are there.');
    expect(r.err).not.toContain('No copies');
    expect(r.err).toContain(`(e.g. \`printf '%s\\n' "$PASS" | custode restore copies --vm 'lab; vm' --lang en --password-stdin\`)`);
    expect(answers).toEqual([]);
  });

  it('with --password-stdin the host is read with the piped password; a wrong one is a failed login, in Italian too', async () => {
    answers.length = 0;
    const r = await custode(['restore', 'copies', '--vm', 'web', '--from-host', 'esxi-pw', '--lang', 'it', '--password-stdin'], 'wrong guess\n');
    expect(r.code).toBe(1);
    expect(answers[0]).toBe('wrong guess');
    expect(r.err).toContain('Custode non è riuscito ad accedere a esxi-pw (ssh.authFailed), quindi non sa quali VM e quali backup ci siano.');
    expect(r.err).not.toContain('--password-stdin');
  });

  it('drill run, without --datastore, says the login of its target failed, not that the VM is not there', async () => {
    const r = await custode(['drill', 'run', '--vm', 'web', '--to-host', 'esxi-pw', '--reason', 'monthly drill', '--yes', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Custode could not log in to esxi-pw (ssh.authCancelled)');
    expect(r.err).not.toContain('--datastore');
    expect(r.err).toContain('custode drill run --vm web --to-host esxi-pw --reason \'monthly drill\' --yes --lang en --password-stdin');
  });
});

describe('a restore on a host that is down and was never read', { timeout: 60_000 }, () => {
  it('says it could not read the host (and why), not that there are no copies; with no hint of a password', async () => {
    const down = mkdtempSync(join(tmpdir(), 'custode-unread-'));
    try {
      // A port nothing listens on: taken, then closed again.
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const db = openDatabase(join(down, 'custode.sqlite'));
      new HostStore(db).add({ role: 'esxi', name: 'esxi-spento', address: '127.0.0.1', port, auth: 'agent' });
      db.close();
      const en = await custode(['restore', 'copies', '--vm', 'web', '--lang', 'en'], '', down);
      expect(en.code).toBe(1);
      expect(en.err).toMatch(/Custode has not been able to read esxi-spento \(ssh\.\w+\) yet, so it does not know which VMs and backups are there\. The Fleet page \(or custode fleet status\) says what stopped it/);
      expect(en.err).not.toContain('password');
      const it_ = await custode(['restore', 'copies', '--vm', 'web', '--lang', 'it'], '', down);
      expect(it_.err).toMatch(/Custode non è ancora riuscito a leggere esxi-spento \(ssh\.\w+\), quindi non sa quali VM e quali backup ci siano/);
    } finally {
      rmSync(down, { recursive: true, force: true });
    }
  });
});
