import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../shared/i18n/app.ts';
import { CustodeApp } from './pages/custode-app.ts';

/** Where the `electron` package says its binary is, or why there is none. */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the Electron binary is not installed (expected at ${String(path)}); it downloads on first launch where the network allows` };
  } catch (error) {
    return { reason: `the electron package cannot provide a binary here: ${(error as Error).message.split('\n')[0]}` };
  }
}

const binary = electronBinary();

test('the desktop app opens its window with the shell', async () => {
  if ('reason' in binary) {
    console.log(`[electron] skipped: ${binary.reason}`);
    test.skip(true, binary.reason);
    return;
  }
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    env: { ...process.env, CUSTODE_HOME: mkdtempSync(join(tmpdir(), 'custode-electron-')) },
  });
  try {
    const page = await app.firstWindow();
    const custode = new CustodeApp(page);
    await expect(custode.nav()).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    await expect(custode.heading()).toHaveText(messages.it['fleet.title']);
  } finally {
    await app.close();
  }
});
