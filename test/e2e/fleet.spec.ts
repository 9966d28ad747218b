import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages as fleetWords } from '../../shared/i18n/fleet.ts';
import { messages as fleetUi } from '../../shared/i18n/fleet-ui.ts';
import { messages as ghettoWords } from '../../shared/i18n/ghettovcb.ts';
import type { LabHost } from '../lab/api.ts';
import { readHostState } from '../lab/esxi/state.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { CustodeApp, type Lang } from './pages/custode-app.ts';
import { FleetPage, type HostToAdd } from './pages/fleet-page.ts';

/**
 * Issue 6 acceptance, in browser mode against the seed lab: the NAS and the five ESXi hosts are added through the
 * dialogs (each fingerprint checked against the lab's), the fleet shows what the lab really holds, and a refresh
 * with one host stopped completes for the others and marks that one.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-fleet-e2e' });
/** The host the refresh test stops. */
const DEAD = 'esxi-07';

const toAdd = (h: LabHost): HostToAdd => ({ role: h.role, name: h.name, address: h.address, port: h.port, username: h.username, password: h.password });
const esxiHosts = () => lab().hosts.filter((h) => h.role === 'esxi');

interface LabVm {
  name: string;
  hasSnapshot: boolean;
  snapshotName: string | null;
  independentDisk: boolean;
}

/** The VMs as the lab made them, read from the host's own state and .vmx files (not from anything Custode says). */
function labVms(host: LabHost): LabVm[] {
  return readHostState(host.hostFs).vms.map((vm) => ({
    name: vm.name,
    hasSnapshot: vm.snapshots.length > 0,
    snapshotName: vm.snapshots[0]?.name ?? null,
    independentDisk: /"independent-persistent"/.test(readFileSync(join(host.hostFs, 'vmfs', 'volumes', vm.datastore, vm.relPath), 'utf8')),
  }));
}

/** "every day at 04:30" in the words core uses for cron schedules (ghettovcb.cron.describe.*). */
function dailyAt(lang: Lang, time: string): RegExp {
  const w = ghettoWords[lang];
  const words = `${w['ghettovcb.cron.describe.everyDay']} ${w['ghettovcb.cron.describe.at'].replace('{{times}}', time)}`;
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

test('the NAS and the five ESXi hosts are added through the UI, each host key checked against the lab', async ({ page }) => {
  skipWithoutLab('fleet e2e');
  test.setTimeout(120_000);
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('it');
  await app.goto('fleet');
  const fleet = new FleetPage(page, 'it');
  await expect(page.getByText(fleetUi.it['fleet.ui.addNas']).first()).toBeVisible();
  await fleet.screenshot('it-fleet-empty');

  // The NAS in Italian: its dialog and its host-key dialog are the Italian screenshots.
  const nas = lab().hosts.find((h) => h.role === 'nas')!;
  await fleet.fillAdd(toAdd(nas));
  await fleet.screenshot('it-fleet-add-nas', false);
  await fleet.submitAdd();
  expect(await fleet.shownFingerprint()).toBe(nas.fingerprint);
  await fleet.screenshot('it-fleet-host-key', false);
  await fleet.trustKey();
  await fleet.finishAdd(toAdd(nas));

  await app.setLanguage('en');
  fleet.lang = 'en';
  for (const [i, host] of esxiHosts().entries()) {
    await fleet.fillAdd(toAdd(host));
    if (i === 0) await fleet.screenshot('en-fleet-add-esxi', false);
    await fleet.submitAdd();
    expect(await fleet.shownFingerprint(), `fingerprint shown for ${host.name}`).toBe(host.fingerprint);
    if (i === 0) {
      await expect(fleet.addDialog().getByTestId('add-progress')).toBeVisible();
      await fleet.screenshot('en-fleet-host-key', false);
    }
    await fleet.trustKey();
    await fleet.finishAdd(toAdd(host));
  }
  await expect(page.locator('[data-testid="host-row"][data-role="esxi"]')).toHaveCount(5);

  // A host already in the fleet is refused before any connection, in words from its error code.
  const again = esxiHosts().at(-1)!;
  await fleet.fillAdd({ ...toAdd(again), name: `${again.name} (again)` });
  await fleet.submitAdd();
  const refused = fleet.addDialog().getByTestId('add-error');
  await expect(refused).toHaveAttribute('data-code', 'fleet.hostExists');
  await expect(refused).toContainText(fleetWords.en['error.fleet.hostExists'].replace('{{address}}', again.address).replace('{{port}}', String(again.port)).replace('{{name}}', again.name));
  await fleet.screenshot('en-fleet-add-refused', false);
  await page.getByRole('button', { name: fleetUi.en['fleet.ui.add.cancel'] }).click();
  await expect(fleet.addDialog()).toBeHidden();
});

for (const lang of ['en', 'it'] as const satisfies readonly Lang[]) {
  test(`the fleet shows every VM, its copies and what blocks tonight, in ${lang}`, async ({ page }) => {
    skipWithoutLab('fleet e2e');
    const app = new CustodeApp(page);
    await app.openInBrowser();
    await app.setLanguage(lang);
    await app.goto('fleet');
    const fleet = new FleetPage(page, lang);
    const words = fleetUi[lang];
    for (const host of esxiHosts()) {
      await fleet.overview();
      await expect(fleet.hostState(host.name)).toHaveAttribute('data-state', 'ok');
      await fleet.openHost(host.name);
      const card = fleet.card({ role: 'esxi', name: host.name });
      await expect(card.getByTestId('host-schedule')).toContainText(dailyAt(lang, '04:30'));
      const vms = labVms(host);
      expect((await fleet.vmNames(host.name)).sort()).toEqual(vms.map((v) => v.name).sort());
      for (const vm of vms) {
        const row = fleet.vmRow(host.name, vm.name);
        const tonight = row.getByTestId('vm-tonight');
        if (vm.hasSnapshot) {
          await expect(tonight.locator('[data-blocker="fleet.vm.willBeSkippedSnapshot"]')).toHaveText(words['fleet.ui.short.fleet.vm.willBeSkippedSnapshot']);
        } else {
          await expect(row.getByTestId('vm-copies')).toHaveText('3/3');
        }
        if (vm.independentDisk) {
          await expect(tonight.locator('[data-blocker="fleet.vm.independentNotBackedUp"]')).toHaveText(words['fleet.ui.short.fleet.vm.independentNotBackedUp']);
        }
      }
      expect(vms.filter((v) => v.hasSnapshot), `${host.name} has a VM with a snapshot`).toHaveLength(1);
      expect(vms.filter((v) => v.independentDisk), `${host.name} has a VM with an independent disk`).toHaveLength(1);
    }
    await fleet.overview();
    await fleet.screenshot(`${lang}-fleet`);

    // The blocker's badge opens its full text: what is wrong and what to do.
    const first = esxiHosts()[0]!;
    await fleet.openHost(first.name);
    const snapshotVm = labVms(first).find((v) => v.hasSnapshot)!;
    const row = fleet.vmRow(first.name, snapshotVm.name);
    await row.getByTestId('vm-tonight').getByRole('button').click();
    const detail = fleet.card({ role: 'esxi', name: first.name }).getByTestId('vm-blocker-text');
    await expect(detail.locator('[data-code="fleet.vm.willBeSkippedSnapshot"]')).toContainText(snapshotVm.snapshotName!);
    await fleet.screenshotOf(fleet.card({ role: 'esxi', name: first.name }), `${lang}-fleet-host-detail`);
  });
}

test('with one host stopped, the refresh completes for the others and marks that one unreachable', async ({ page }) => {
  skipWithoutLab('fleet e2e');
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('fleet');
  const fleet = new FleetPage(page, 'en');
  const alive = esxiHosts().filter((h) => h.name !== DEAD);
  await expect(page.locator('[data-testid="host-row"][data-role="esxi"]')).toHaveCount(5);
  const before = new Map<string, number>();
  for (const h of esxiHosts()) before.set(h.name, await fleet.probedAt(h.name));

  await lab().fault(DEAD, 'stop');
  await fleet.refreshAll();
  await expect(fleet.refreshBar()).toBeVisible();
  await fleet.screenshot('en-fleet-refreshing', false);
  await expect(fleet.refreshBar()).toBeHidden({ timeout: 45_000 });

  for (const h of alive) {
    await expect(fleet.hostState(h.name)).toHaveAttribute('data-state', 'ok');
    expect(await fleet.probedAt(h.name), `${h.name} was checked again`).toBeGreaterThan(before.get(h.name)!);
  }
  await expect(fleet.hostState(DEAD)).toHaveAttribute('data-state', 'unreachable');
  await expect(page.getByTestId('summary-hosts')).toContainText('4/5');
  await fleet.screenshot('en-fleet-host-down-overview');
  await fleet.openHost(DEAD);
  const deadCard = fleet.card({ role: 'esxi', name: DEAD });
  await expect(deadCard.getByTestId('host-error')).toBeVisible();
  // What the last good check found stays on screen, marked as such.
  await expect(deadCard.getByTestId('vm-row')).toHaveCount(labVms(lab().host(DEAD)).length);
  await fleet.screenshot('en-fleet-host-down');
  await app.setLanguage('it');
  await fleet.screenshot('it-fleet-host-down');
});
