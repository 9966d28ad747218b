import { expect, test } from '@playwright/test';
import { messages } from '../../shared/i18n/app.ts';
import { CustodeApp, SECTIONS, type Lang } from './pages/custode-app.ts';

for (const lang of ['it', 'en'] as const satisfies readonly Lang[]) {
  test(`every section reads in ${lang}`, async ({ page }) => {
    const app = new CustodeApp(page);
    await app.openInBrowser();
    await app.setLanguage(lang);
    const words = messages[lang];
    for (const section of SECTIONS) {
      await app.goto(section);
      await expect(app.heading()).toHaveText(words[`${section}.title`]);
      await expect(page.locator('.nav a[aria-current="page"]')).toHaveText(words[`nav.${section}`]);
      await app.screenshot(`${lang}-${section}`);
    }
    // The other language's words must not leak into this one (a missing key would fall back to English).
    if (lang === 'it') await expect(page.locator('body')).not.toContainText(messages.en['nav.settings']);
  });
}

test('the language choice survives a reload', async ({ page }) => {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.heading()).toHaveText(messages.en['fleet.title']);
  await app.setLanguage('it');
  await page.reload();
  await expect(app.heading()).toHaveText(messages.it['fleet.title']);
});

test('the workstation check runs as a job and reports each item', async ({ page }) => {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('settings');
  await page.getByRole('button', { name: messages.en['diagnostics.run'] }).click();
  const rows = page.locator('#diagnostics-title').locator('xpath=../../..').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  await expect(page.getByText(messages.en['diagnostics.check.fts5'])).toBeVisible();
  await expect(page.locator('.toast')).toContainText(messages.en['jobs.kind.diagnostics']);
  await page.getByRole('button', { name: messages.en['jobs.title'] }).click();
  await expect(page.locator('.job-row').first()).toHaveAttribute('data-job-state', 'succeeded');
  await app.screenshot('en-settings-diagnostics');
});

test('dark theme applies and persists', async ({ page }) => {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('it');
  await app.goto('settings');
  await page.locator('#setting-theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('it-settings-dark');
  await page.locator('#setting-theme').selectOption('system');
});

test('a page without the access token is refused with an explanation', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('alert')).toBeVisible();
  await context.close();
});
