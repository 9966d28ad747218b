import { expect, type Locator, type Page } from '@playwright/test';
import { messages as overviewWords } from '../../../shared/i18n/fleet-overview.ts';
import { messages as fleetUi } from '../../../shared/i18n/fleet-ui.ts';
import { messages as sshWords } from '../../../shared/i18n/ssh.ts';
import type { Lang } from './custode-app.ts';

export interface HostToAdd {
  role: 'esxi' | 'nas';
  name: string;
  address: string;
  port: number;
  username: string;
  password: string;
}

/**
 * The fleet page as a person uses it: the add dialogs, the SSH layer's questions, the overview (a line per machine,
 * the fleet-wide VM table, shared warnings) and each machine's own page with its card and VM table.
 */
export class FleetPage {
  readonly page: Page;
  lang: Lang;
  constructor(page: Page, lang: Lang) {
    this.page = page;
    this.lang = lang;
  }

  words() {
    return { ...fleetUi[this.lang], ...overviewWords[this.lang] };
  }

  addDialog(): Locator {
    return this.page.getByTestId('add-host-dialog');
  }

  hostKeyDialog(): Locator {
    return this.page.getByTestId('host-key-dialog');
  }

  /** Opens the add dialog and types the host's details, as a person would; does not submit. */
  async fillAdd(host: HostToAdd): Promise<void> {
    const w = this.words();
    await this.page.getByRole('button', { name: host.role === 'nas' ? w['fleet.ui.addNas'] : w['fleet.ui.addEsxi'], exact: true }).first().click();
    const form = this.addDialog();
    await expect(form).toHaveAttribute('data-role', host.role);
    await form.locator('input[name="address"]').fill(host.address);
    await form.locator('input[name="port"]').fill(String(host.port));
    await form.locator('input[name="name"]').fill(host.name);
    await form.locator('input[name="username"]').fill(host.username);
    await form.locator('input[name="auth"][value="password"]').check();
    await form.locator('input[name="password"]').fill(host.password);
    // Remembered (browser mode keeps it in memory), so later refreshes log in without asking.
    await form.locator('input[name="remember"]').check();
  }

  async submitAdd(): Promise<void> {
    await this.page.getByRole('button', { name: this.words()['fleet.ui.add.submit'] }).click();
  }

  /**
   * The fingerprint the host-key dialog shows, once it is up: after an SSH handshake with the machine, which on a
   * loaded CI machine took more than the default 5 s once (a lab server starts a process per connection).
   */
  async shownFingerprint(): Promise<string> {
    await expect(this.hostKeyDialog()).toBeVisible({ timeout: 30_000 });
    return (await this.hostKeyDialog().locator('[data-fingerprint]').getAttribute('data-fingerprint')) ?? '';
  }

  async trustKey(): Promise<void> {
    await this.page.getByRole('button', { name: sshWords[this.lang]['ssh.hostKey.trust'] }).click();
    await expect(this.hostKeyDialog()).toBeHidden();
  }

  /** After the key: a login round the typed password did not cover is answered with it; then the dialog closes. */
  async finishAdd(host: HostToAdd): Promise<void> {
    const auth = this.page.getByTestId('auth-prompt-dialog');
    const card = this.row(host.name);
    await expect(auth.or(card)).toBeVisible({ timeout: 30_000 });
    if (await auth.isVisible()) {
      await auth.locator('input[type="password"]').fill(host.password);
      await this.page.getByRole('button', { name: sshWords[this.lang]['ssh.auth.submit'] }).click();
    }
    await expect(this.addDialog()).toBeHidden({ timeout: 30_000 });
    await expect(card).toBeVisible();
  }

  /** A machine's line in the overview. */
  row(name: string): Locator {
    return this.page.locator(`[data-testid="host-row"][data-host="${cssString(name)}"]`);
  }

  /** The overview, machines tab (from a machine's page, the way back). */
  async overview(): Promise<void> {
    const back = this.page.getByTestId('back-to-fleet');
    if (await back.isVisible()) await back.click();
    await this.page.getByRole('tab', { name: new RegExp(`^${escapeRe(this.words()['fleet.ui.tab.machines'].replace(' ({{count}})', ''))}`) }).click();
  }

  /** Opens a machine's own page from its line in the overview. */
  async openHost(name: string): Promise<void> {
    await this.overview();
    await this.row(name).getByRole('button', { name, exact: true }).click();
    await expect(this.page.getByTestId('host-page')).toBeVisible();
  }

  /** A machine's card, on its own page (open it first with openHost). */
  card(host: Pick<HostToAdd, 'role' | 'name'>): Locator {
    return this.page.locator(`[data-testid="${host.role === 'nas' ? 'nas-card' : 'esxi-card'}"][data-host="${cssString(host.name)}"]`);
  }

  vmRow(hostName: string, vmName: string): Locator {
    return this.card({ role: 'esxi', name: hostName }).locator(`[data-testid="vm-row"][data-vm="${cssString(vmName)}"]`);
  }

  vmNames(hostName: string): Promise<string[]> {
    return this.card({ role: 'esxi', name: hostName }).getByTestId('vm-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vm') ?? ''));
  }

  /** A machine's state as its line in the overview shows it. */
  hostState(hostName: string): Locator {
    return this.row(hostName).getByTestId('host-state');
  }

  async probedAt(hostName: string): Promise<number> {
    return Number(await this.row(hostName).getAttribute('data-probed-at'));
  }

  async refreshAll(): Promise<void> {
    await this.page.getByRole('button', { name: this.words()['fleet.ui.refresh'] }).click();
  }

  /** Checks every machine and waits until the check has ended (its bar appears, then goes). */
  async refreshAllAndWait(): Promise<void> {
    await this.refreshAll();
    await expect(this.refreshBar()).toBeVisible();
    await expect(this.refreshBar()).toBeHidden({ timeout: 90_000 });
  }

  refreshBar(): Locator {
    return this.page.getByTestId('fleet-refresh');
  }

  /**
   * The page's content scrolls inside the shell, so a "full page" shot would stop at the window: the window is
   * grown to the content's height for the shot instead. `fullPage` false keeps the window (dialogs).
   */
  async screenshot(name: string, fullPage = true): Promise<void> {
    const path = `test-results/screenshots/${name}.png`;
    if (!fullPage) await this.page.screenshot({ path });
    else await this.#tallEnough(() => this.page.screenshot({ path }));
  }

  /** One card (or any part of the page), shot with the window grown so the part is not cut by the scroll area. */
  async screenshotOf(part: Locator, name: string): Promise<void> {
    await this.#tallEnough(() => part.screenshot({ path: `test-results/screenshots/${name}.png` }));
  }

  async #tallEnough<T>(shot: () => Promise<T>): Promise<T> {
    const viewport = this.page.viewportSize();
    if (!viewport) return shot();
    const height = await this.page.evaluate(() => {
      const content = document.querySelector('#content');
      return content ? content.scrollHeight + content.getBoundingClientRect().top : document.body.scrollHeight;
    });
    await this.page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
    try {
      return await shot();
    } finally {
      await this.page.setViewportSize(viewport);
    }
  }
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A value for a CSS attribute selector in double quotes. */
function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
