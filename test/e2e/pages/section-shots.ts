import type { Page } from '@playwright/test';
import type { CustodeApp } from './custode-app.ts';

/**
 * The page in both languages, Italian first, whole and without toasts, as `test-results/screenshots/<prefix>-<lang>-<step>.png`:
 * the section scrolls inside the window, so the window is made as tall as the section for the shot. The page is
 * left in English.
 */
export async function sectionShots(app: CustodeApp, page: Page, prefix: string, step: string): Promise<void> {
  const size = page.viewportSize()!;
  // The jobs' end toasts would cover the section's foot; the list shifts as each closes, so one at a time.
  const toasts = page.locator('.toast-close');
  while ((await toasts.count()) > 0) await toasts.first().click();
  for (const lang of ['it', 'en'] as const) {
    await app.setLanguage(lang);
    // Some parts are sized to the window (a command list's vh-high box): grown with it, the section is measured again.
    for (let last = 0, height = 0, round = 0; round < 10; last = height, round++) {
      height = await page.locator('#content').evaluate((e) => e.scrollHeight);
      if (height <= last) break;
      await page.setViewportSize({ width: size.width, height: Math.max(size.height, height + 80) });
    }
    await page.locator('#content').evaluate((e) => e.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/screenshots/${prefix}-${lang}-${step}.png` });
    await page.setViewportSize(size);
  }
}
