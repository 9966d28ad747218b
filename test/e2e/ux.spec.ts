import { expect, test, type Page } from '@playwright/test';
import { messages as appWords } from '../../shared/i18n/app.ts';
import { messages as overviewWords } from '../../shared/i18n/fleet-overview.ts';
import { messages as fleetUi } from '../../shared/i18n/fleet-ui.ts';
import { messages as sshWords } from '../../shared/i18n/ssh.ts';
import type { LabHost } from '../lab/api.ts';
import { CoreClient } from './fixtures/core-client.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { CustodeApp, SECTIONS, type Lang } from './pages/custode-app.ts';
import { FleetPage, type HostToAdd } from './pages/fleet-page.ts';
import { PlanReviewDialog } from './pages/plan-review.ts';

/**
 * Issue 11 acceptance, in browser mode against the seed lab: dialogs that wait for a person however long they read,
 * machines named by their names everywhere, facts of a host that does not answer shown as last known, a check's
 * result that says who answered, and no placeholder or internal code on any screen, in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-ux-e2e' });
const DOWN = 'esxi-07';
const ROTATED = 'esxi-08';
const LANGS = ['it', 'en'] as const satisfies readonly Lang[];

const toAdd = (h: LabHost): HostToAdd => ({ role: h.role, name: h.name, address: h.address, port: h.port, username: h.username, password: h.password });
const esxiHosts = () => lab().hosts.filter((h) => h.role === 'esxi');

async function open(page: Page, lang: Lang): Promise<{ app: CustodeApp; fleet: FleetPage }> {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage(lang);
  await app.goto('fleet');
  return { app, fleet: new FleetPage(page, lang) };
}

/** Text a person can read on the page now, dialogs and open panels included. */
const visibleText = (page: Page): Promise<string> => page.evaluate(() => document.body.innerText);

/** `{{x}}` left in a sentence, or an i18n key / error code shown as if it were words. */
const RAW = /\{\{|\b(?:error|fleet|ssh|ghettovcb|jobs|diagnostics|ipc)\.[a-z][A-Za-z]*(?:\.[A-Za-z0-9_-]+)*/;

test('the host-key dialog waits 60 s for a person (past the 20 s network timeout) and the connection then completes', async ({ page }) => {
  skipWithoutLab('ux e2e');
  test.setTimeout(240_000);
  const { fleet } = await open(page, 'it');
  const first = esxiHosts()[0]!;
  await fleet.fillAdd(toAdd(first));
  await fleet.submitAdd();
  expect(await fleet.shownFingerprint()).toBe(first.fingerprint);
  const dialog = fleet.hostKeyDialog();
  // The dialog names the machine by the name typed in the form, and says how to check the key on an ESXi.
  await expect(page.getByRole('dialog').last().locator('.dialog-title')).toHaveText(sshWords.it['ssh.hostKey.title'].replace('{{name}}', first.name));
  await expect(dialog).toContainText(sshWords.it['ssh.hostKey.howToCheck.esxi']);
  await fleet.screenshot('it-ux-host-key-esxi', false);
  // A person walking to the ESXi console to compare: three times the connection's 20 s ready timeout.
  await page.waitForTimeout(60_000);
  await expect(dialog).toBeVisible();
  await fleet.trustKey();
  await fleet.finishAdd(toAdd(first));
  await expect(fleet.hostState(first.name)).toHaveAttribute('data-state', 'ok');
});

test('the NAS key dialog speaks of TrueNAS, the address field splits a port, and the other hosts are added', async ({ page }) => {
  skipWithoutLab('ux e2e');
  test.setTimeout(240_000);
  const { fleet } = await open(page, 'en');
  const nas = lab().hosts.find((h) => h.role === 'nas')!;
  await fleet.fillAdd(toAdd(nas));
  await fleet.submitAdd();
  expect(await fleet.shownFingerprint()).toBe(nas.fingerprint);
  await expect(fleet.hostKeyDialog()).toContainText(sshWords.en['ssh.hostKey.howToCheck.nas']);
  await expect(fleet.hostKeyDialog()).not.toContainText('ESXi');
  await fleet.screenshot('en-ux-host-key-nas', false);
  await fleet.trustKey();
  await fleet.finishAdd(toAdd(nas));

  // "10.0.0.2:22" typed as the address: the port moves to its own field where the user sees it.
  await page.getByRole('button', { name: fleetUi.en['fleet.ui.addEsxi'], exact: true }).first().click();
  const form = fleet.addDialog();
  await form.locator('input[name="address"]').fill('10.0.0.2:2222');
  await form.locator('input[name="name"]').focus();
  await expect(form.locator('input[name="address"]')).toHaveValue('10.0.0.2');
  await expect(form.locator('input[name="port"]')).toHaveValue('2222');
  await page.getByRole('button', { name: fleetUi.en['fleet.ui.add.cancel'] }).click();

  for (const host of esxiHosts().slice(1)) {
    await fleet.fillAdd(toAdd(host));
    await fleet.submitAdd();
    expect(await fleet.shownFingerprint(), `fingerprint shown for ${host.name}`).toBe(host.fingerprint);
    await fleet.trustKey();
    await fleet.finishAdd(toAdd(host));
  }
  await expect(page.locator('[data-testid="host-row"][data-role="esxi"]')).toHaveCount(5);
});

for (const lang of LANGS) {
  test(`jobs and connections name their machines, open their detail, and close on Esc and outside clicks, in ${lang}`, async ({ page }) => {
    skipWithoutLab('ux e2e');
    const { fleet } = await open(page, lang);
    const words = { ...appWords[lang], ...overviewWords[lang], ...fleetUi[lang], ...sshWords[lang] };
    await fleet.refreshAllAndWait();
    // Every machine answered (a loaded machine may leave one read only in part: then it is a warning, never red).
    const outcome = page.getByTestId('refresh-outcome');
    await expect(outcome).toHaveAttribute('data-tone', /^(success|warning)$/);

    await page.getByRole('button', { name: words['jobs.title'] }).click();
    const jobs = page.getByTestId('jobs-panel');
    const check = jobs.locator('[data-job-kind="fleet.refresh"]').first();
    await expect(check).toContainText(words['jobs.kind.fleet.refresh']);
    await check.getByRole('button').first().click();
    // Its detail lists every machine it checked, by name.
    for (const h of esxiHosts()) await expect(check.getByTestId('job-detail')).toContainText(h.name);
    await fleet.screenshot(`${lang}-ux-jobs-panel`, false);
    await page.keyboard.press('Escape');
    await expect(jobs).toBeHidden();

    await page.getByRole('button', { name: words['ssh.connections'] }).click();
    const connections = page.getByTestId('connections-panel');
    // The core keeps connections other specs opened (same names, other addresses): this lab's are found by address.
    for (const h of esxiHosts()) await expect(connections.locator(`[data-host="${h.name}"]`, { hasText: h.address })).toBeVisible();
    expect(await connections.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await fleet.screenshot(`${lang}-ux-connections-panel`, false);
    await page.getByTestId('fleet-summary').click();
    await expect(connections).toBeHidden();
  });
}

test('with a host down, the check says who did not answer and its VMs are unknown, last known … ago, in both languages', async ({ page }) => {
  skipWithoutLab('ux e2e');
  test.setTimeout(180_000);
  const { app, fleet } = await open(page, 'en');
  await lab().fault(DOWN, 'stop');
  try {
    await fleet.refreshAllAndWait();
    for (const lang of LANGS) {
      await app.setLanguage(lang);
      fleet.lang = lang;
      const words = { ...overviewWords[lang], ...fleetUi[lang] };
      const outcome = page.getByTestId('refresh-outcome');
      await expect(outcome).toHaveAttribute('data-tone', 'danger');
      await expect(outcome).toContainText(DOWN);
      await expect(page.getByTestId('summary-hosts')).toContainText('4/5');
      await expect(page.getByTestId('summary-unknown')).toContainText(words['fleet.ui.summary.unknown']);
      const banner = page.getByTestId('fleet-down');
      await expect(banner).toContainText(DOWN);
      await fleet.screenshot(`${lang}-ux-host-down-overview`);

      // The fleet-wide table: that host's VMs are unknown, never "nothing blocks it".
      await page.getByRole('tab', { name: new RegExp(`^${words['fleet.ui.tab.vms'].replace(' ({{count}})', '')}`) }).click();
      const rows = page.locator(`[data-testid="fleet-vm-row"][data-host="${DOWN}"]`);
      expect(await rows.count()).toBeGreaterThan(0);
      for (const row of await rows.all()) {
        await expect(row).toHaveAttribute('data-protection', 'unknown');
        await expect(row).not.toContainText(words['fleet.ui.tonight.clear']);
      }
      await fleet.screenshot(`${lang}-ux-host-down-vms`);

      // The banner's link opens the host's own page, whose VMs say what was last known and how long ago.
      await page.getByRole('tab', { name: new RegExp(`^${words['fleet.ui.tab.machines'].replace(' ({{count}})', '')}`) }).click();
      await banner.getByRole('button', { name: DOWN }).click();
      const card = fleet.card({ role: 'esxi', name: DOWN });
      await expect(card.getByTestId('host-error')).toContainText(DOWN);
      const lastKnown = card.getByTestId('vm-last-known');
      expect(await lastKnown.count()).toBe(await card.getByTestId('vm-row').count());
      const lead = words['fleet.ui.tonight.lastKnown'].replace(' {{age}}', '');
      for (const cell of await lastKnown.all()) await expect(cell).toContainText(lead);
      await expect(card.getByTestId('vm-tonight').filter({ hasText: words['fleet.ui.tonight.clear'] })).toHaveCount(0);
      await fleet.screenshot(`${lang}-ux-host-down-page`);
      await fleet.overview();
    }
  } finally {
    await lab().fault(DOWN, 'start');
  }
});

for (const lang of LANGS) {
  test(`no screen shows a {{placeholder}} or an internal code, in ${lang}`, async ({ page }) => {
    skipWithoutLab('ux e2e');
    test.setTimeout(120_000);
    const { app, fleet } = await open(page, lang);
    const words = { ...appWords[lang], ...overviewWords[lang], ...fleetUi[lang], ...sshWords[lang] };
    const seen: string[] = [];
    const scan = async (name: string): Promise<void> => {
      const text = await visibleText(page);
      const raw = RAW.exec(text);
      expect(raw?.[0] ?? null, `${name} shows raw text near: ${raw ? text.slice(Math.max(0, raw.index - 60), raw.index + 60) : ''}`).toBeNull();
      seen.push(name);
      await fleet.screenshot(`${lang}-screen-${name}`);
    };
    for (const tab of ['machines', 'vms', 'warnings'] as const) {
      await page.getByRole('tab', { name: new RegExp(`^${words[`fleet.ui.tab.${tab}`].replace(' ({{count}})', '')}`) }).click();
      await scan(`fleet-${tab}`);
    }
    for (const h of [...lab().hosts.filter((x) => x.role === 'nas'), ...esxiHosts()]) {
      await fleet.openHost(h.name);
      await scan(`host-${h.name}`);
    }
    await fleet.overview();
    await page.getByRole('button', { name: words['jobs.title'] }).click();
    await scan('jobs');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: words['ssh.connections'] }).click();
    await scan('connections');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: words['fleet.ui.addEsxi'], exact: true }).first().click();
    await scan('add-esxi');
    await page.getByRole('button', { name: words['fleet.ui.add.cancel'] }).click();
    for (const section of SECTIONS.filter((s) => s !== 'fleet')) {
      await app.goto(section);
      if (section === 'settings') {
        await page.getByRole('button', { name: words['diagnostics.run'] }).click();
        await expect(page.getByRole('button', { name: words['diagnostics.run'] })).toBeVisible({ timeout: 30_000 });
      }
      await scan(`section-${section}`);
    }
    expect(seen.length).toBeGreaterThan(12);
  });
}

test('after a changed key is checked and forgotten, the connection goes on and the new dialog says the key was replaced', async ({ page }) => {
  skipWithoutLab('ux e2e');
  test.setTimeout(120_000);
  const { fleet } = await open(page, 'it');
  const words = sshWords.it;
  await lab().fault(ROTATED, 'rotate-hostkey');
  // A host whose keys are regenerated restarts its SSH service; the lab's does not drop open sessions, so the
  // connection Custode still holds is closed here, as the restart would.
  const core = await CoreClient.open();
  const view = (await core.call('fleet.view', {})) as { ok: true; value: { esxi: { host: { id: string; name: string } }[] } };
  await core.call('ssh.disconnect', { hostId: view.value.esxi.find((h) => h.host.name === ROTATED)!.host.id });
  core.close();
  await fleet.openHost(ROTATED);
  await page.getByRole('button', { name: fleetUi.it['fleet.ui.refreshHost'] }).click();
  const changed = page.getByTestId('host-key-changed-dialog');
  await expect(changed).toBeVisible({ timeout: 30_000 });
  const rotated = lab().host(ROTATED);
  await expect(page.getByRole('dialog').last().locator('.dialog-title')).toContainText(ROTATED);
  await fleet.screenshot('it-ux-host-key-changed', false);
  await page.getByLabel(words['ssh.changed.confirmChecked']).check();
  await page.getByRole('button', { name: words['ssh.changed.forget'] }).click();
  // Forgetting the old key is a reviewed, dangerous operation: a reason, then host:port confirmed by name.
  const review = new PlanReviewDialog(page, 'it');
  await review.expectKind('trust.forget');
  await review.run('chiave rigenerata dopo la reinstallazione', `${rotated.address}:${rotated.port}`);
  // No "check again" needed: the new key is shown at once, as a replacement, not as a first contact.
  const dialog = fleet.hostKeyDialog();
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toHaveAttribute('data-replaced', 'true');
  await expect(dialog).toContainText(words['ssh.hostKey.intro.replaced'].split('{{host}}')[0]!);
  expect(await fleet.shownFingerprint()).toBe(rotated.fingerprint);
  await fleet.screenshot('it-ux-host-key-replaced', false);
  await fleet.trustKey();
  await expect(fleet.card({ role: 'esxi', name: ROTATED }).getByTestId('host-state')).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
});
