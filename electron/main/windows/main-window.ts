import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol.ts';
import { loadFailedPageUrl } from './load-failed-page.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** electron-vite's dev server, only in `npm run dev`. */
  devServerUrl: string | undefined;
  iconPath: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Custode',
    icon: options.iconPath,
    backgroundColor: '#10151c',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`).catch((error: unknown) => {
    // A window that was never shown would leave Custode running invisibly: say what happened instead.
    console.error(`Custode: the window's page did not load: ${String(error)}`);
    if (window.isDestroyed()) return;
    window.show();
    window.loadURL(loadFailedPageUrl(error)).catch(() => undefined);
  });
  return window;
}

export const rendererDirFor = (mainDir: string): string => join(mainDir, '../renderer');
