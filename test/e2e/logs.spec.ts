import { expect, test, type Page } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages as words } from '../../shared/i18n/logs.ts';
import { hugeLog, nightlyLog, type GenVm } from '../unit/logs/log-generator.ts';
import { CustodeApp, type Lang } from './pages/custode-app.ts';

/**
 * Issue 14 acceptance in browser mode: logs generated here are imported into the app's data folder with the CLI
 * (as a user would), then the Logs section opens a 200,000-line log and scrolls to its end, a fleet-wide search
 * lands on the line, the history strip shows a VM skipped three nights in a row, and a run prints to PDF.
 */
test.describe.configure({ mode: 'serial' });

const root = join(import.meta.dirname, '../..');
const DAY = 86400_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** Nights 1..10 before today; the VM below is skipped (snapshot in the way) on nights 6, 5 and 4 before today. */
const nightStart = (daysAgo: number): Date => new Date(today - daysAgo * DAY + (4 * 60 + 30) * 60_000);
const SKIPPED = [6, 5, 4];
const vmsOn = (daysAgo: number): GenVm[] => [
  { name: 'didattica-dc01', outcome: 'ok' },
  { name: 'didattica-app.v2', outcome: SKIPPED.includes(daysAgo) ? 'snapshot' : 'ok' },
  { name: 'didattica files', outcome: daysAgo === 2 ? 'vmdk' : 'ok' },
];
const HUGE_LINES = 200_000;
let hugeLineCount = 0;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'custode-logs-e2e-'));
  mkdirSync(join(dir, 'esxi-02'));
  for (let d = 10; d >= 1; d--) writeFileSync(join(dir, 'esxi-02', `ghettoVCB-${d}.log`), nightlyLog({ host: 'esxi-02', start: nightStart(d), vms: vmsOn(d), level: d % 3 === 0 ? 'debug' : 'info' }));
  const huge = hugeLog('esxi-06', HUGE_LINES, nightStart(1));
  hugeLineCount = huge.split('\n').length - 1;
  mkdirSync(join(dir, 'esxi-06'));
  writeFileSync(join(dir, 'esxi-06', 'ghettoVCB-huge.log'), huge);
  const env = { ...process.env, CUSTODE_HOME: process.env.CUSTODE_E2E_HOME, LANG: 'C' };
  for (const host of ['esxi-02', 'esxi-06']) await promisify(execFile)(join(root, 'node_modules/.bin/node'), [join(root, 'electron/cli/bin.mjs'), 'logs', 'import', join(dir, host), '--host', host], { cwd: root, env });
});

async function openLogs(page: Page, lang: Lang): Promise<CustodeApp> {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage(lang);
  await app.goto('logs');
  await expect(app.heading()).toHaveText(lang === 'it' ? 'Log' : 'Logs');
  return app;
}

test('a 200,000-line log opens and scrolls to its end', async ({ page }) => {
  const app = await openLogs(page, 'en');
  await page.getByRole('combobox', { name: words.en['logs.ui.filter.host'] }).selectOption('esxi-06');
  await page.locator('tr[data-run]').first().click();
  const raw = page.getByTestId('raw-view');
  // The newest night is the last run of the file: the view opens at its first line.
  await expect(raw.locator('.raw-target')).toContainText('ghettoVCB LOG START');
  expect(hugeLineCount).toBeGreaterThanOrEqual(HUGE_LINES);
  // Few rows exist at once, whatever the length of the log.
  expect(await raw.locator('.raw-row').count()).toBeLessThan(200);
  await raw.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(raw.locator(`.raw-row[data-line="${hugeLineCount}"]`)).toBeVisible();
  await expect(raw.locator(`.raw-row[data-line="${hugeLineCount - 1}"]`)).toContainText('ghettoVCB LOG END');
  expect(await raw.locator('.raw-row').count()).toBeLessThan(200);
  await app.screenshot('en-logs-huge-end');
});

for (const lang of ['en', 'it'] as const) {
  test(`search a VM across the fleet and land on its line (${lang})`, async ({ page }) => {
    const app = await openLogs(page, lang);
    await page.getByRole('tab', { name: words[lang]['logs.ui.tab.search'] }).click();
    await page.getByRole('searchbox', { name: words[lang]['logs.ui.tab.search'] }).fill('"Snapshot found for didattica-app.v2"');
    await page.getByRole('button', { name: words[lang]['logs.ui.search.go'] }).click();
    const groups = page.locator('.search-group');
    await expect(groups).toHaveCount(SKIPPED.length);
    await expect(groups.first().locator('mark').first()).toBeVisible();
    await app.screenshot(`${lang}-logs-search`);
    const hit = groups.first().locator('button.hit').first();
    const line = Number(await hit.getAttribute('data-line'));
    await hit.click();
    const target = page.getByTestId('raw-view').locator('.raw-target');
    await expect(target).toHaveAttribute('data-line', String(line));
    await expect(target).toBeInViewport();
    await expect(target).toContainText('Snapshot found for didattica-app.v2');
    await page.getByRole('button', { name: /didattica-app\.v2/ }).first().click();
    await expect(page.getByTestId('vm-explanation')).toBeVisible();
    await app.screenshot(`${lang}-logs-run`);
  });

  test(`the history strip shows a VM skipped three nights in a row (${lang})`, async ({ page }) => {
    const app = await openLogs(page, lang);
    await page.getByRole('tab', { name: words[lang]['logs.ui.tab.history'] }).click();
    const row = page.locator('tr[data-vm="didattica-app.v2"]');
    await expect(row.locator('[data-cell]')).toHaveCount(30);
    const cells = await row.locator('[data-cell]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
    expect(cells).toHaveLength(30);
    // The strip ends today; the skipped nights are 6, 5 and 4 nights before it.
    expect(cells.slice(-11)).toEqual(['ok', 'ok', 'ok', 'ok', 'skipped', 'skipped', 'skipped', 'ok', 'ok', 'ok', 'none']);
    await app.screenshot(`${lang}-logs-history`);
    await page.getByRole('tab', { name: words[lang]['logs.ui.tab.runs'] }).click();
    await app.screenshot(`${lang}-logs-runs`);
  });
}

test('a run exports as a printable page (PDF, turned into PNG)', async ({ page, browser }) => {
  await openLogs(page, 'it');
  await page.getByRole('combobox', { name: words.it['logs.ui.filter.host'] }).selectOption('esxi-02');
  await page.locator('tr[data-run]').nth(1).click();
  await page.getByRole('button', { name: words.it['logs.ui.run.export'] }).click();
  const frame = page.locator('#logs-print-frame');
  await expect(frame).toHaveCount(1);
  const html = (await frame.getAttribute('srcdoc')) ?? '';
  expect(html).toContain('didattica files');
  expect(html).toContain('class="strip"');
  const printed = await browser.newPage();
  await printed.setContent(html);
  const pdf = join(root, 'test-results/screenshots/it-logs-export.pdf');
  mkdirSync(join(root, 'test-results/screenshots'), { recursive: true });
  await printed.pdf({ path: pdf, format: 'A4', printBackground: true });
  await printed.close();
  test.skip(!existsSync('/usr/bin/pdftoppm'), 'skipped because pdftoppm (poppler-utils) is not installed: the PDF is kept, not rendered to PNG');
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(root, 'test-results/screenshots/it-logs-export')]);
  expect(existsSync(join(root, 'test-results/screenshots/it-logs-export-1.png'))).toBe(true);
});
