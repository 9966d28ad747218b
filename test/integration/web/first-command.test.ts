import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreSocket, Refused, launchCode } from './core-socket.ts';
import { closedPort } from '../../closed-port.ts';

/**
 * `npm start` on a machine where Electron's binary is absent and cannot be downloaded: electron's own installer
 * runs against an empty cache and a mirror on a closed port, fails, and the launcher opens browser mode, whose
 * launch address a fake `xdg-open` on the PATH records (what `ps` shows other users while it runs).
 */
const repo = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'custode-first-command-'));

async function offlineEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$0 $*" > ${JSON.stringify(join(scratch, 'opener-argv'))}\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
    electron_config_cache: mkdtempSync(join(scratch, 'cache-')),
    ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-electron-here'),
    ...extra,
  };
  for (const key of ['CI', 'ELECTRON_SKIP_BINARY_DOWNLOAD', 'CUSTODE_WEB_TOKEN', 'CUSTODE_NO_BROWSER_FALLBACK']) if (!(key in extra)) delete env[key];
  return env;
}

function npmStart(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; line: (re: RegExp) => Promise<RegExpMatchArray> } {
  const child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', mkdtempSync(join(scratch, 'data-'))], { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const line = (re: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const hit = out.match(re);
        if (hit) resolve(hit);
        else if (child.exitCode !== null) reject(new Error(`npm start ended (${child.exitCode}) before ${re}:\n${out}`));
        else waiters.push(check);
      };
      child.once('exit', check);
      check();
    });
  return { child, output: () => out, line };
}

let browser: Browser;
let started: ReturnType<typeof npmStart> | null = null;

beforeAll(async () => {
  if (process.platform !== 'linux') return;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  if (started?.child.pid && started.child.exitCode === null && started.child.signalCode === null) process.kill(-started.child.pid, 'SIGTERM');
});

// The opener stand-in is an `xdg-open` on the PATH and the `ps` check reads /proc: both are Linux's.
const notLinux = process.platform === 'linux' ? null : `skipped on ${process.platform}: the opener stand-in and the /proc scan are Linux-only`;
if (notLinux) console.log(`[first-command] ${notLinux}`);

describe.skipIf(notLinux)('the first command without an Electron binary or a network', () => {
  it('says so in one sentence, opens browser mode, and its launch address answers once', { timeout: 240_000 }, async () => {
    started = npmStart(await offlineEnv());
    const [, url] = await started.line(/Open: (http:\S+)/);
    expect(started.output()).toContain('The Electron desktop app could not be downloaded here, so Custode opens in your browser instead.');
    expect(started.output()).toMatch(/For the desktop app later: run `npm start` again/);

    // The opener's command line is all a second local user sees in `ps`: the launch address, nothing more.
    const openerArgv = join(scratch, 'opener-argv');
    await expect.poll(() => existsSync(openerArgv) && readFileSync(openerArgv, 'utf8')).toContain(url);

    const page = await browser.newPage();
    await page.goto(url!);
    await expect.poll(() => page.getByRole('navigation').isVisible(), { timeout: 30_000 }).toBe(true);
    // The badge comes from `app.info`, answered through the session the launch code opened.
    await expect.poll(() => page.getByText(/Browser mode|Modalità browser/).first().isVisible()).toBe(true);
    const session = await page.evaluate(() => sessionStorage.getItem('custode.session'));
    expect(session).toMatch(/^[\w-]{20,}$/);
    expect(page.url()).not.toContain(launchCode(url!));
    expect(page.url()).not.toContain(session);

    // The session is on no command line of any process on this machine.
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      } catch {
        continue; // the process ended while we looked
      }
      expect(cmdline).not.toContain(session);
    }

    // A second local user replays what `ps` showed, in a browser and on a raw socket: refused both ways.
    for (const locale of ['en-GB', 'it-IT']) {
      const other = await browser.newContext({ locale });
      const otherPage = await other.newPage();
      await otherPage.goto(url!);
      await expect.poll(() => otherPage.getByRole('alert').isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await otherPage.getByRole('navigation').count()).toBe(0);
      await otherPage.screenshot({ path: `test-results/screenshots/web-launch-spent-${locale.slice(0, 2)}.png` });
      await other.close();
    }
    const port = Number(new URL(url!).port);
    await expect(CoreSocket.open(port, { code: launchCode(url!) })).rejects.toEqual(new Refused(4401));

    // The tab that opened it keeps working across a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('navigation').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.close();

    process.kill(-started.child.pid!, 'SIGTERM');
    await new Promise((r) => started!.child.once('exit', r));
  });

  it('stops with a clear message instead when the fallback is turned off', { timeout: 120_000 }, async () => {
    const run = npmStart(await offlineEnv({ CUSTODE_NO_BROWSER_FALLBACK: '1' }));
    const code = await new Promise<number | null>((r) => run.child.once('exit', r));
    expect(code).toBe(1);
    expect(run.output()).toContain('the browser fallback is off');
    expect(run.output()).not.toContain('listening on');
  });
});
