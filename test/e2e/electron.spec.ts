import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { messages } from '../../shared/i18n/app.ts';
import type { Bridge } from '../../shared/ipc/bridge.ts';
import { CustodeApp } from './pages/custode-app.ts';

/**
 * Where the `electron` package keeps its binary, or why there is none. Read from its path.txt rather than
 * require('electron'), which would try to download the binary as a side effect.
 */
function electronBinary(): { path: string } | { reason: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { reason: 'no Electron binary is installed (it downloads on the first `npm start` where the network allows; set ELECTRON_OVERRIDE_DIST_PATH to use one)' };
  }
  const path = join(dist, existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron');
  return existsSync(path) ? { path } : { reason: `the Electron binary is missing at ${path}` };
}

const binary = electronBinary();

test('the desktop app opens its window with the shell, and its page calls core', async () => {
  if ('reason' in binary) {
    console.log(`[electron] skipped: ${binary.reason}`);
    test.skip(true, binary.reason);
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'custode-electron-'));
  const app = await electron.launch({ executablePath: binary.path, args: ['.'], env: { ...process.env, CUSTODE_HOME: home } });
  try {
    const page = await app.firstWindow();
    const custode = new CustodeApp(page);
    await expect(custode.nav()).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    await expect(custode.heading()).toHaveText(messages.it['fleet.title']);
    // The page's own bridge, through the preload and main's sender check, answered by core.
    const info = await page.evaluate(() => (window as unknown as { custode: Bridge }).custode.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { name: 'Custode', mode: 'electron', dataDir: home } });
  } finally {
    await app.close();
  }
});
