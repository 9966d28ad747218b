import { expect, type Page } from '@playwright/test';

export const SECTIONS = ['fleet', 'backups', 'restore', 'logs', 'audit', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
export type Lang = 'it' | 'en';

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
