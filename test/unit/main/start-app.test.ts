import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../electron/cli/io.ts';
import { INVOKE_CHANNEL } from '../../../shared/ipc/channels.ts';
import { app, BrowserWindow, deferred, frame, recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { startApp } = await import('../../../electron/main/lifecycle/start-app.ts');

/** A pipe whose reader is slow: each chunk is taken a few turns of the event loop after it was written. */
class SlowPipe extends Writable {
  received = '';
  constructor() {
    super({ highWaterMark: 16 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    let turns = 5;
    const step = () => (--turns > 0 ? setImmediate(step) : ((this.received += chunk.toString()), done()));
    setImmediate(step);
  }
}

function ioOn(out: SlowPipe, stdin: AsyncIterable<string> = (async function* () {})()): CliIo {
  return {
    out: (text) => void out.write(text),
    err: (text) => void out.write(text),
    chunks: () => stdin,
    readText: () => Promise.reject(new Error('not used')),
    env: {},
  };
}

const mainDir = '/opt/Custode/resources/app.asar/out/main';

describe('the app binary as `custode …` (CLI)', () => {
  beforeEach(resetElectron);

  it('runs the CLI to its end before anything GUI, even behind --no-sandbox, then exits with its code', async () => {
    const pipe = new SlowPipe();
    const gate = deferred();
    const stdin = (async function* () {
      await gate.promise;
      yield 'not a ghettoVCB line\n';
    })();
    const started = startApp({ argv: ['/tmp/.mount_Cust/custode', '--no-sandbox', 'log', 'parse', '-'], env: {}, mainDir, defaultApp: false, io: ioOn(pipe, stdin), stdio: [pipe] });
    let finished = false;
    void started.then(() => (finished = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // Still reading its input: the entry module has not finished, nothing GUI was touched.
    expect(finished).toBe(false);
    expect(app.exits).toEqual([]);
    expect(recorded.privilegedSchemes).toEqual([]);
    expect(app.listenerCount('window-all-closed')).toBe(0);
    gate.resolve();
    await started;
    expect(app.exits).toHaveLength(1);
    expect(typeof app.exits[0]).toBe('number');
    expect(BrowserWindow.instances).toEqual([]);
    expect(recorded.protocolHandlers.size).toBe(0);
  });

  it('exits only after its output reached the reader of a slow pipe', async () => {
    const pipe = new SlowPipe();
    let receivedAtExit = '';
    const exit = vi.spyOn(app, 'exit').mockImplementation((code?: number) => {
      receivedAtExit = pipe.received;
      app.exits.push(code ?? 0);
    });
    await startApp({ argv: ['/opt/Custode/custode', '--help'], env: {}, mainDir, defaultApp: false, io: ioOn(pipe), stdio: [pipe] });
    expect(app.exits).toEqual([0]);
    expect(receivedAtExit).toContain('usage: custode <group> <command>');
    expect(receivedAtExit).toBe(pipe.received);
    exit.mockRestore();
  });
});

describe('the app binary opening its window', () => {
  let base: string;
  beforeEach(() => {
    resetElectron();
    base = mkdtempSync(join(tmpdir(), 'custode-start-'));
  });
  afterEach(() => {
    app.emit('will-quit');
    rmSync(base, { recursive: true, force: true });
  });

  it('takes a relative CUSTODE_HOME from the current folder, creates it 0700, and answers the page from there', async () => {
    const home = join(base, 'site two', 'data');
    const rel = relative(process.cwd(), home);
    expect(rel.startsWith('/')).toBe(false);
    await startApp({ argv: ['/opt/Custode/custode'], env: { CUSTODE_HOME: rel }, mainDir, defaultApp: false });
    expect(app.getPath('userData')).toBe(home);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(app.exits).toEqual([]);
    expect(recorded.errorBoxes).toEqual([]);
    expect(BrowserWindow.instances).toHaveLength(0); // nothing before ready

    app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorded.errorBoxes).toEqual([]);
    const [window] = BrowserWindow.instances;
    expect(window!.loads).toEqual(['app://custode/index.html']);
    expect(window!.options).toMatchObject({ webPreferences: { preload: '/opt/Custode/resources/app.asar/out/preload/index.cjs', sandbox: true, contextIsolation: true } });
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    expect(recorded.permissionCheckHandler).not.toBeNull();
    const invoke = recorded.ipcHandlers.get(INVOKE_CHANNEL) as (e: unknown, n: string, i: unknown) => Promise<unknown>;
    expect(await invoke({ senderFrame: frame('app://custode/index.html', 'app://custode') }, 'app.info', {})).toMatchObject({
      ok: true,
      value: { mode: 'electron', dataDir: home },
    });
    expect(statSync(join(home, 'custode.sqlite')).mode & 0o777).toBe(0o600);
    app.emit('window-all-closed');
    expect(app.quits).toBe(1);
  });

  it('says so and exits when CUSTODE_HOME cannot be a folder, instead of throwing at the top of the entry module', async () => {
    writeFileSync(join(base, 'a-file'), '');
    await expect(startApp({ argv: ['/opt/Custode/custode'], env: { CUSTODE_HOME: join(base, 'a-file', 'data') }, mainDir, defaultApp: false })).resolves.toBeUndefined();
    expect(app.exits).toEqual([1]);
    expect(recorded.errorBoxes[0]![1]).toContain('CUSTODE_HOME');
    expect(recorded.privilegedSchemes).toEqual([]);
  });

  it('a second instance leaves: it quits before registering anything', async () => {
    app.singleInstance = false;
    await startApp({ argv: ['/opt/Custode/custode'], env: { CUSTODE_HOME: join(base, 'data') }, mainDir, defaultApp: false });
    expect(app.quits).toBe(1);
    expect(recorded.privilegedSchemes).toEqual([]);
  });

  it('shows an error box and quits when core cannot start at ready', async () => {
    const home = join(base, 'data');
    await startApp({ argv: ['/opt/Custode/custode'], env: { CUSTODE_HOME: home }, mainDir, defaultApp: false });
    // The data folder became a file after start-up: core cannot open its database there.
    rmSync(home, { recursive: true });
    writeFileSync(home, 'not a folder');
    app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorded.errorBoxes[0]![1]).toMatch(/Custode could not start/);
    expect(app.quits).toBe(1);
    expect(BrowserWindow.instances).toEqual([]);
  });
});
