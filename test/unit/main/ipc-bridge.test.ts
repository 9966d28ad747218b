import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/ipc/channels.ts';
import { BrowserWindow, frame, recorded, resetElectron, type FakeFrame } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { connectIpc } = await import('../../../electron/main/ipc/ipc-bridge.ts');

/** The real bridge and a real core: a call is answered by core's router, or refused with ipc.untrustedSender. */
describe('ipc bridge: who may call core', () => {
  let dataDir: string;
  let core: Core;
  let disconnect: () => void;
  const DEV = 'http://localhost:5173/';

  beforeEach(() => {
    resetElectron();
    dataDir = mkdtempSync(join(tmpdir(), 'custode-ipc-'));
    core = createCore({ dataDir, mode: 'electron', appVersion: '9.9.9', secretStore: new MemorySecretStore() });
  });
  afterEach(() => {
    disconnect?.();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = (devServerUrl?: string) => {
    const window = new BrowserWindow({});
    disconnect = connectIpc(core, window as never, devServerUrl);
    return window;
  };
  const call = (senderFrame: FakeFrame | null | undefined) => {
    const handler = recorded.ipcHandlers.get(INVOKE_CHANNEL)!;
    return (handler as (e: unknown, n: string, i: unknown) => Promise<{ ok: boolean; value?: { version: string }; error?: { code: string } }>)(
      { senderFrame },
      'app.info',
      {},
    );
  };

  it('answers our own page, app://custode/index.html in the top frame, as Electron 45 describes it', async () => {
    connect();
    const result = await call(frame('app://custode/index.html', 'app://custode'));
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'electron' } });
  });

  it('answers our page on a deeper path and with a hash', async () => {
    connect();
    expect(await call(frame('app://custode/index.html#/fleet', 'app://custode'))).toMatchObject({ ok: true });
  });

  it('answers the dev server page only when the dev server is the one in use', async () => {
    connect(DEV);
    expect(await call(frame('http://localhost:5173/', 'http://localhost:5173'))).toMatchObject({ ok: true });
    expect(await call(frame('http://localhost:5174/', 'http://localhost:5174'))).toMatchObject({ ok: false, error: { code: 'ipc.untrustedSender' } });
    disconnect();
    connect();
    expect(await call(frame('http://localhost:5173/', 'http://localhost:5173'))).toMatchObject({ ok: false, error: { code: 'ipc.untrustedSender' } });
  });

  const refused: [string, FakeFrame | null | undefined][] = [
    ['an iframe inside our own page', frame('app://custode/index.html', 'app://custode', frame('app://custode/index.html', 'app://custode'))],
    ['a file: page', frame('file:///usr/lib/custode/resources/app.asar/out/renderer/index.html', 'file://')],
    ['a file: page that names custode as its host', frame('file://custode/index.html', 'file://')],
    ['about:blank (its origin inherited from our page)', frame('about:blank', 'app://custode')],
    ['a window with an empty url (origin inherited)', frame('', 'app://custode')],
    ['DevTools', frame('devtools://devtools/bundled/devtools_app.html', 'devtools://devtools')],
    ['another host on our scheme', frame('app://evil/index.html', 'app://evil')],
    ['a url that is not a url', frame('app://cus tode/%%', 'app://custode')],
    ['a page whose own origin is opaque', frame('app://custode/index.html', 'null')],
    ['a web page', frame('https://example.com/', 'https://example.com')],
    ['no frame (it navigated or was destroyed)', null],
    ['an undefined frame', undefined],
  ];
  for (const [what, senderFrame] of refused) {
    it(`refuses ${what}`, async () => {
      connect(DEV);
      expect(await call(senderFrame)).toMatchObject({ ok: false, error: { code: 'ipc.untrustedSender' } });
    });
  }

  it('refuses, without throwing, a frame that was disposed (Electron throws on reading it)', async () => {
    connect();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      get origin(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(await call(disposed as FakeFrame)).toMatchObject({ ok: false, error: { code: 'ipc.untrustedSender' } });
  });

  it('sends core events to the window on the one event channel, and stops after disconnect', () => {
    const window = connect();
    core.events.emit('ssh:notice', { hostId: 'h1', code: 'x' } as never);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNEL, 'ssh:notice', { hostId: 'h1', code: 'x' }]]);
    disconnect();
    core.events.emit('ssh:notice', { hostId: 'h1', code: 'y' } as never);
    expect(window.webContents.sent).toHaveLength(1);
    expect(recorded.ipcHandlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});
