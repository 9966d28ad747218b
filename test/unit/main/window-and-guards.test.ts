import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../shared/i18n/desktop.ts';
import { app, type BrowserWindow, FakeWebContents, recorded, resetElectron } from './electron-stub.ts';

vi.mock('electron', () => import('./electron-stub.ts'));
const { createMainWindow } = await import('../../../electron/main/windows/main-window.ts');
const { installSecurityGuards } = await import('../../../electron/main/security/guards.ts');

const settle = () => new Promise((resolve) => setImmediate(resolve));
const options = { preloadPath: '/app/out/preload/index.cjs', devServerUrl: undefined, iconPath: '/app/out/renderer/icon.png' };

describe('the main window', () => {
  beforeEach(resetElectron);

  it('is sandboxed, context-isolated, without Node, webviews or spellcheck, and loads app://custode/index.html', () => {
    const window = createMainWindow(options) as unknown as BrowserWindow;
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false },
    });
    expect(window.loads).toEqual(['app://custode/index.html']);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the dev server in development', () => {
    const window = createMainWindow({ ...options, devServerUrl: 'http://localhost:5173/' }) as unknown as BrowserWindow;
    expect(window.loads).toEqual(['http://localhost:5173/']);
  });

  it('shows an error page in both languages when its page does not load, instead of staying invisible', async () => {
    recorded.loadURL = (url) => (url.startsWith('app:') ? Promise.reject(new Error("ERR_FILE_NOT_FOUND (-6) loading 'app://custode/index.html' <x>")) : Promise.resolve());
    const window = createMainWindow(options) as unknown as BrowserWindow;
    await settle();
    expect(window.shown).toBe(true);
    expect(window.loads).toHaveLength(2);
    const page = decodeURIComponent(window.loads[1]!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(window.loads[1]).toMatch(/^data:text\/html;charset=utf-8,/);
    for (const lang of ['it', 'en'] as const) {
      expect(page).toContain(messages[lang]['desktop.loadFailed.title']);
      expect(page).toContain(messages[lang]['desktop.loadFailed.body']);
    }
    expect(page).toContain('ERR_FILE_NOT_FOUND (-6) loading &#39;app://custode/index.html&#39; &lt;x&gt;');
    expect(page).not.toContain('<x>');
  });
});

describe('security guards', () => {
  beforeEach(() => {
    resetElectron();
    installSecurityGuards();
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    recorded.permissionRequestHandler!(...([null, 'media', (ok: boolean) => answers.push(ok)] as never[]));
    expect(answers).toEqual([false]);
    expect(recorded.permissionCheckHandler!()).toBe(false);
  });

  it('stops navigation, redirects and webviews in every web contents, whatever the target', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://custode/other.html', 'about:blank', 'devtools://devtools/x', '']) {
      expect(contents.emitCancelable('will-navigate', url)).toBe(true);
      expect(contents.emitCancelable('will-redirect', url)).toBe(true);
    }
    expect(contents.emitCancelable('will-attach-webview', {}, { src: 'https://example.com/' })).toBe(true);
  });

  it('never opens a new window; only allowlisted https pages go to the system browser', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const open = (url: string) => contents.windowOpenHandler!({ url });
    for (const url of ['https://github.com/custode', 'http://github.com/x', 'https://github.com.evil.org/', 'file:///etc/passwd', 'javascript:alert(1)', '', '%%', 'about:blank']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(recorded.openedExternally).toEqual(['https://github.com/custode']);
  });
});
