import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Two projects over one set of page objects: `web` drives the built renderer and the real core through the
 * browser host in the system Chromium; `electron` launches the desktop app where an Electron binary exists.
 */
const port = Number(process.env.CUSTODE_E2E_PORT ?? 41731);
// The browser host's session, fixed for the run: CustodeApp.openInBrowser puts it in each tab's sessionStorage
// (as a tab that already traded its one-time launch code would have it); it is never in a URL.
const token = process.env.CUSTODE_WEB_TOKEN ?? randomBytes(18).toString('base64url');
process.env.CUSTODE_WEB_TOKEN = token;
const dataDir = process.env.CUSTODE_E2E_HOME ?? mkdtempSync(join(tmpdir(), 'custode-e2e-'));
process.env.CUSTODE_E2E_HOME = dataDir;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `${JSON.stringify(join(import.meta.dirname, "node_modules/.bin/node"))} electron/web/start.ts --port ${port} --no-open --data-dir ${JSON.stringify(dataDir)}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: { CUSTODE_WEB_TOKEN: token },
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\.spec\.ts/,
      use: {
        viewport: { width: 1360, height: 860 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
