import { expect, type Page } from '@playwright/test';

export const SECTIONS = ['fleet', 'backups', 'restore', 'logs', 'audit', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
export type Lang = 'it' | 'en';

/**
 * Where a second client of the same core connects (the test playing a wizard or a script), with the same access as
 * the page: kept here, next to openInBrowser, so a change in how browser mode hands out access is made in one place.
 */
export function coreSocket(): { url: string; origin: string; hello: string } {
  const port = process.env.CUSTODE_E2E_PORT ?? '41731';
  // The session goes in the first frame, never in the address (as the page does after trading its launch code).
  return { url: `ws://127.0.0.1:${port}/ipc`, origin: `http://127.0.0.1:${port}`, hello: JSON.stringify({ kind: 'hello', session: process.env.CUSTODE_WEB_TOKEN }) };
}

/** One page object for the shell, shared by the browser-mode and Electron projects. */
export class CustodeApp {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /**
   * Browser mode, as a tab that already traded its launch code: the web server's session (CUSTODE_WEB_TOKEN, set
   * by playwright.config.ts) is in this tab's sessionStorage before the page runs, and the page says it in its hello.
   */
  async openInBrowser(): Promise<void> {
    const session = process.env.CUSTODE_WEB_TOKEN;
    if (!session) throw new Error('CUSTODE_WEB_TOKEN is not set: run through playwright.config.ts');
    await this.page.addInitScript((s) => sessionStorage.setItem('custode.session', s), session);
    await this.page.goto('/');
    await expect(this.nav()).toBeVisible();
  }

  nav() {
    return this.page.getByRole('navigation');
  }

  async setLanguage(lang: Lang): Promise<void> {
    await this.page.getByRole('group').locator(`button[lang="${lang}"]`).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  async goto(section: Section): Promise<void> {
    await this.page.locator(`.nav a[href="#/${section}"]`).click();
    await expect(this.page.locator(`.nav a[href="#/${section}"]`)).toHaveAttribute('aria-current', 'page');
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
