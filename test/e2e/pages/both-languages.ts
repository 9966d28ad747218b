import type { Page } from '@playwright/test';
import type { CustodeApp, Lang } from './custode-app.ts';

type Catalog = { en: Record<string, string>; it: Record<string, string> };

/** A spec's words from the catalogs it reads, `{{name}}` filled in, as the page shows them in each language. */
export function catalogText<W extends Record<string, string>>(...catalogs: Catalog[]): (lang: Lang, key: keyof W & string, params?: Record<string, string | number>) => string {
  return (lang, key, params = {}) => {
    const words = Object.assign({}, ...catalogs.map((c) => c[lang])) as Record<string, string>;
    return Object.entries(params).reduce<string>((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), words[key]!);
  };
}

/**
 * The page in both languages, Italian first, whole and without toasts, as `test-results/screenshots/<prefix>-<lang>-<step>.png`:
 * the section scrolls inside the window, so the window is made as tall as the section for the shot. The page is
 * left in English.
 */
export async function shotsInBothLanguages(app: CustodeApp, page: Page, prefix: string, step: string): Promise<void> {
  const size = page.viewportSize()!;
  // The jobs' end toasts would cover the section's foot (under an open dialog they cannot be reached, nor do they cover it).
  const toasts = page.locator('.toast-close');
  if ((await page.locator('dialog[open]').count()) === 0) while ((await toasts.count()) > 0) await toasts.first().click();
  for (const lang of ['it', 'en'] as const) {
    await app.setLanguage(lang);
    const height = await page.locator('#content').evaluate((e) => e.scrollHeight);
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, height + 80) });
    await page.locator('#content').evaluate((e) => e.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/screenshots/${prefix}-${lang}-${step}.png` });
    await page.setViewportSize(size);
  }
}
