import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { messages as words } from '../../shared/i18n/logs.ts';
import { openDatabase } from '../../electron/core/catalog/database.ts';
import { LogCatalog } from '../../electron/core/logs/log-catalog.ts';
import { hugeLog, nightlyLog } from '../unit/logs/log-generator.ts';

/**
 * The run page of a 200,000-line log in the viewer, in Chromium against browser mode (the built renderer and the real
 * core): the time from the click on the run to the frame that shows its first line, and the renderer's JS heap with
 * it open, each beside the same figures for a one-night log opened the same way in the same run.
 * CUSTODE_E2E_PORT picks the web server's port (0, a free one, when unset).
 */
const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const HUGE_LINES = 200_000;
const SAMPLES = 5;

export interface PaintFigures {
  hugeLines: number;
  hugeMs: number[];
  smallMs: number[];
  hugeHeapMb: number;
  smallHeapMb: number;
}

function startServer(dataDir: string, session: string): Promise<{ port: number; stop(): void }> {
  const child = spawn(join(repo, 'node_modules/.bin/node'), ['electron/web/start.ts', '--port', process.env['CUSTODE_E2E_PORT'] ?? '0', '--no-open', '--data-dir', dataDir], {
    cwd: repo,
    env: { ...process.env, CUSTODE_WEB_TOKEN: session },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port) resolve({ port: Number(port), stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the browser-mode server exited (${code}) before listening:\n${out}`)));
  });
}

/** Clicks the host's newest run and resolves, in the page's clock, when a frame with its first line has been drawn. */
async function openRun(page: Page, host: string): Promise<number> {
  await page.locator('.nav a[href="#/logs"]').click();
  const back = page.getByRole('button', { name: words.en['logs.ui.back'] });
  if (await back.isVisible()) await back.click();
  await page.getByRole('combobox', { name: words.en['logs.ui.filter.host'] }).selectOption(host);
  await page.locator('tr[data-run]', { hasText: host }).first().waitFor();
  await page.locator('tr[data-run]', { hasNotText: host }).first().waitFor({ state: 'detached' });
  // Runs in the page (a string: this file is type-checked for Node, without the DOM's types).
  const measured = await page.evaluate(`new Promise((resolve) => {
    const row = document.querySelector('tr[data-run]');
    const start = performance.now();
    row.click();
    const shown = () => document.querySelector('[data-testid="raw-view"] .raw-target')?.textContent?.includes('ghettoVCB LOG START') === true;
    // The frame after the line is in the DOM is the one that paints it.
    const check = () => (shown() ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
    check();
  })`);
  return Number(measured);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1048576;
}

export async function measureViewerPaint(): Promise<PaintFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'custode-paint-bench-'));
  const session = randomBytes(18).toString('base64url');
  try {
    const dataDir = join(dir, 'data');
    mkdirSync(join(dir, 'in'));
    const huge = hugeLog('esxi-06', HUGE_LINES);
    writeFileSync(join(dir, 'in', 'ghettoVCB-huge.log'), huge);
    const db = openDatabase(join(dataDir, 'custode.sqlite'));
    const catalog = new LogCatalog(db, dataDir);
    await catalog.import(join(dir, 'in'), { host: 'esxi-06' });
    rmSync(join(dir, 'in'), { recursive: true });
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'ghettoVCB-1.log'), nightlyLog({ host: 'esxi-02', start: new Date(Date.UTC(2026, 0, 10, 4, 30, 1)), vms: [{ name: 'didattica-dc01', outcome: 'ok' }] }));
    await catalog.import(join(dir, 'in'), { host: 'esxi-02' });
    db.close();

    const server = await startServer(dataDir, session);
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      await page.addInitScript((s) => sessionStorage.setItem('custode.session', s), session);
      await page.goto(`http://127.0.0.1:${server.port}/`);
      await page.getByRole('navigation').waitFor();
      await page.getByRole('group').locator('button[lang="en"]').click();
      const smallMs: number[] = [];
      const hugeMs: number[] = [];
      await openRun(page, 'esxi-02'); // warm-up: the code of the run page is loaded once
      for (let i = 0; i < SAMPLES; i++) smallMs.push(await openRun(page, 'esxi-02'));
      const smallHeapMb = await heapMb(page);
      for (let i = 0; i < SAMPLES; i++) hugeMs.push(await openRun(page, 'esxi-06'));
      const hugeHeapMb = await heapMb(page);
      return { hugeLines: huge.split('\n').length - 1, hugeMs, smallMs, hugeHeapMb, smallHeapMb };
    } finally {
      await browser.close();
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
