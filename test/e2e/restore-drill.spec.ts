import { expect, test, type Page } from '@playwright/test';
import { readdirSync, realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { messages as drillWords } from '../../shared/i18n/drill.ts';
import { messages as drillsWords } from '../../shared/i18n/drills.ts';
import { messages as uiWords } from '../../shared/i18n/restore-ui.ts';
import { esxi } from '../integration/lab-esxi/helpers.ts';
import { labPaths } from '../lab/lab-paths.ts';
import { openWithCopy } from './fixtures/site-with-copy.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { catalogText } from './pages/catalog-text.ts';
import { CustodeApp } from './pages/custode-app.ts';
import { sectionShots } from './pages/section-shots.ts';

/**
 * Issue 16 §5 and §6 (drills) in browser mode against the small lab (esxi-08 and the NAS): a copy of segreteria-dc01
 * made by a backup, then a drill started from the Restore section: the VM, the target, the plan with every check and
 * its commands (NICs disconnected), the reason; its phases while it runs (it is among the drills as running), its
 * result with a measured recovery time and nothing left on the host (getallvms and the datastore's folders as
 * before); the drill in the history and in the VM's recovery times; a schedule refused while a field is wrong, then
 * saved and read back after a reload. Screenshots it/en of the review, the run, the result, the history and the
 * schedule.
 */
test.describe.configure({ mode: 'serial' });

const STATE = '/var/tmp/custode-lab-drill-e2e';
const lab = useLab({ topology: 'small', stateDir: STATE, seedHistory: false });
const HOST = 'esxi-08';
const VM = 'segreteria-dc01';
const OTHER_VM = 'archivio-2019';
const REASON = 'prova di ripristino mensile del controller di dominio';

const text = catalogText(drillsWords, uiWords, drillWords);
const shots = (app: CustodeApp, page: Page, step: string) => sectionShots(app, page, 'drill', step);
const host = () => labPaths(STATE).host(HOST).hostFs;
const inventory = () => esxi(host(), 'bin/vim-cmd', ['vmsvc/getallvms']).stdout;
const folders = () => readdirSync(realpathSync(join(host(), 'vmfs/volumes/datastore1'))).sort();

test('a drill from the Restore section: its plan and checks, its phases, the measured recovery time, the history and the VM’s recovery times', async ({ page }) => {
  skipWithoutLab('drill e2e');
  test.setTimeout(600_000);
  const app = await openWithCopy(page, lab(), HOST, VM, 'e2e: una copia per la prova');

  await app.goto('restore');
  const drills = page.getByTestId('restore-drills');
  await expect(drills.getByTestId('drill-history')).toHaveCount(0);
  await expect(drills).toContainText(text('en', 'drills.ui.history.none'));
  await drills.getByRole('button', { name: text('en', 'drills.ui.start.open') }).click();

  // The VM, as the restore wizard lists them; then the target: its own host and, by default, its own datastore.
  const wizard = page.getByTestId('drill-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'vm');
  await wizard.getByRole('button', { name: text('en', 'restore.ui.vm.choose', { vm: VM }) }).click();
  await expect(wizard).toHaveAttribute('data-step', 'target');
  await expect(wizard.locator('select[name="drill-datastore"]')).toHaveValue('');
  await expect(wizard.locator('select[name="drill-datastore"] option').first()).toHaveText(text('en', 'drills.ui.target.ownDatastore'));
  await wizard.getByRole('button', { name: text('en', 'drills.ui.start.plan') }).click();

  // The review: what the drill does, every check of its restore in words, its exact commands (NICs off), the reason.
  const review = wizard.getByTestId('drill-review');
  await expect(review).toBeVisible({ timeout: 90_000 });
  await expect(review.getByTestId('restore-step-review')).toHaveAttribute('data-verdict', /go|warn/);
  for (const check of ['copy', 'name', 'folder', 'datastore', 'space', 'hardware', 'share']) await expect(review.locator(`[data-testid="restore-check"][data-check="${check}"]`)).toHaveCount(1);
  for (const c of await review.getByTestId('restore-check').all()) expect(await c.textContent()).not.toContain((await c.getAttribute('data-code'))!);
  const name = (await review.getByTestId('restore-check').filter({ hasText: /-drill-\d{8}-\d{4}/ }).first().textContent())!.match(/(segreteria-dc01-drill-\d{8}-\d{4})/)![1]!;
  await expect(review.getByTestId('drill-what')).toContainText(`/vmfs/volumes/datastore1/${name}/.custode-drill`);
  // The removal after the drill, as it will be sent: the marker checked in the same command that removes the folder.
  const teardown = review.getByTestId('drill-teardown-commands');
  await expect(teardown).toContainText('vim-cmd vmsvc/power.off <id>');
  await expect(teardown).toContainText('vim-cmd vmsvc/unregister <id>');
  await expect(teardown).toContainText(new RegExp(`grep -qxF 'custode-drill [0-9a-f-]{36}' /vmfs/volumes/datastore1/${name}/\\.custode-drill && rm -rf /vmfs/volumes/datastore1/${name}`));
  const commands = review.getByTestId('plan-commands');
  await expect(commands).toContainText('vmkfstools');
  await expect(commands).toContainText('ethernet0.startConnected = "FALSE"');
  await expect(commands).toContainText('.custode-drill');
  // In the order they run: the restore's commands, then the removal after the drill.
  expect(await commands.evaluate((c, after) => Boolean(after && c.compareDocumentPosition(after) & Node.DOCUMENT_POSITION_FOLLOWING), await teardown.elementHandle())).toBe(true);
  const run = wizard.getByRole('button', { name: text('en', 'drills.ui.review.run') });
  await expect(run).toBeDisabled();
  await review.locator('textarea[name="reason"]').fill(REASON);
  await expect(run).toBeEnabled();
  await shots(app, page, '1-review');
  const before = { vms: inventory(), folders: folders() };

  // The run, slowed so that it is seen restoring: its phases, and the drill among the drills as running.
  await lab().fault(HOST, 'slow-clone', 'on');
  await run.click();
  const running = wizard.getByTestId('drill-run');
  await expect(running).toHaveAttribute('data-state', 'running');
  await expect(running.getByTestId('drill-phase')).toHaveCount(5);
  await expect(running.locator('[data-testid="drill-phase"][data-phase="restore"]')).toHaveAttribute('data-state', 'current');
  await expect(running).toContainText(text('en', 'drills.ui.run.cancelWhat'));
  await expect(drills.locator(`[data-testid="drill-row"][data-vm="${VM}"]`)).toHaveAttribute('data-result', 'running');
  await shots(app, page, '2-running');
  await lab().fault(HOST, 'slow-clone', 'off');

  // The result: succeeded, a recovery time measured, nothing left on the host.
  const result = running.getByTestId('drill-result');
  await expect(result).toHaveAttribute('data-result', 'succeeded', { timeout: 300_000 });
  const recoveryMs = Number(await result.getAttribute('data-recovery-ms'));
  expect(recoveryMs).toBeGreaterThan(0);
  await expect(result.getByTestId('drill-recovery')).toHaveText(/^\d+\.\d s$|^\d+ min \d\d s$/);
  const recoveryText = (await result.getByTestId('drill-recovery').textContent())!;
  await expect(result.getByTestId('drill-removed')).toHaveText(text('en', 'drills.ui.result.removed', { name, host: HOST }));
  await expect(result.getByTestId('drill-not-removed')).toHaveCount(0);
  await expect(result).toContainText(text('en', 'drills.ui.result.copyOf', { copy: await copyFolder(page), host: HOST }));
  expect({ vms: inventory(), folders: folders() }).toEqual(before);
  await shots(app, page, '3-result');

  // The history: the drill, succeeded, with its recovery time and reason; the VM's recovery times from it.
  const row = drills.locator(`[data-testid="drill-row"][data-vm="${VM}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-result', 'succeeded');
  await expect(row).toContainText(REASON);
  await expect(row).toContainText(recoveryText);
  // Who ran it, from the audit trail (the web host runs as this machine's user).
  await expect(row.locator('td.restore-reason')).toContainText(`${userInfo().username}@`);
  const rto = page.getByTestId('drill-rto');
  await expect(rto.locator('.drill-rto')).toHaveAttribute('data-vm', VM);
  for (const k of ['last', 'best', 'worst', 'median']) await expect(rto.getByTestId(`drill-rto-${k}`)).toContainText(recoveryText);
  await expect(rto.getByTestId('drill-rto-trend')).toHaveAttribute('data-trend', 'none');
  await expect(rto.getByTestId('drill-rto-bars').locator('rect')).toHaveCount(1);
  await wizard.getByRole('button', { name: text('en', 'drills.ui.start.close') }).click();
  await expect(wizard).toHaveCount(0);
  await shots(app, page, '4-history');
});

test('a drill cancelled mid-restore: shown cancelled, what it made removed, nothing of it left on the host', async ({ page }) => {
  skipWithoutLab('drill e2e');
  test.setTimeout(300_000);
  const app = await openRestore(page);
  const drills = page.getByTestId('restore-drills');
  await drills.getByRole('button', { name: text('en', 'drills.ui.start.open') }).click();
  const wizard = page.getByTestId('drill-wizard');
  await wizard.getByRole('button', { name: text('en', 'restore.ui.vm.choose', { vm: VM }) }).click();
  await wizard.getByRole('button', { name: text('en', 'drills.ui.start.plan') }).click();
  const review = wizard.getByTestId('drill-review');
  await expect(review).toBeVisible({ timeout: 90_000 });
  await review.locator('textarea[name="reason"]').fill(`${REASON} (annullata)`);
  const before = { vms: inventory(), folders: folders() };

  await lab().fault(HOST, 'slow-clone', 'on');
  await wizard.getByRole('button', { name: text('en', 'drills.ui.review.run') }).click();
  const running = wizard.getByTestId('drill-run');
  // Mid-clone: the drill's folder, its marker and part of the disk are on the datastore.
  await expect(running).toHaveAttribute('data-step', 'restore.run.step.clone', { timeout: 60_000 });
  await running.getByRole('button', { name: text('en', 'drills.ui.run.cancel') }).click();
  await expect(running).toContainText(text('en', 'drills.ui.run.cancelling'));
  const result = running.getByTestId('drill-result');
  await expect(result).toHaveAttribute('data-result', 'cancelled', { timeout: 120_000 });
  await lab().fault(HOST, 'slow-clone', 'off');
  await expect(result).toContainText(text('en', 'drill.result.cancelled'));
  await expect(result.getByTestId('drill-recovery')).toHaveText('—');
  await expect(result.getByTestId('drill-not-removed')).toHaveCount(0);
  await expect(result.getByTestId('drill-removed')).toBeVisible();
  expect({ vms: inventory(), folders: folders() }).toEqual(before);
  await expect(drills.locator('[data-testid="drill-row"][data-result="cancelled"]')).toContainText(`${REASON} (annullata)`);
  await shots(app, page, '3-cancelled');
});

/** The Restore section in English, on the site the first test made. */
async function openRestore(page: Page): Promise<CustodeApp> {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('restore');
  return app;
}

/** The copy the drill used, as the history row shows it (the only backup of the spec). */
async function copyFolder(page: Page): Promise<string> {
  return (await page.locator('[data-testid="drill-row"] td.restore-path').first().textContent())!.trim();
}

test('the drill schedule: a wrong field is refused with its words, a valid schedule is saved and read back after a reload', async ({ page }) => {
  skipWithoutLab('drill e2e');
  const app = await openRestore(page);
  const schedule = page.getByTestId('drill-schedule');
  await expect(schedule.getByTestId('drill-schedule-note')).toHaveText(text('en', 'drills.ui.schedule.whileRunning'));
  await expect(schedule).toContainText(text('en', 'drills.ui.schedule.none'));

  // "One VM per host, monthly": esxi-08's first VM by name onto itself every 30 days; a second row for another VM.
  await schedule.getByRole('button', { name: text('en', 'drills.ui.schedule.monthly') }).click();
  const rows = schedule.getByTestId('drill-schedule-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).locator('input[name="every-0"]')).toHaveValue('30');
  await rows.nth(0).locator('input[name="vm-0"]').fill(VM);
  await schedule.getByRole('button', { name: text('en', 'drills.ui.schedule.add') }).click();
  await expect(rows).toHaveCount(2);
  await rows.nth(1).locator('input[name="vm-1"]').fill(OTHER_VM);
  await rows.nth(1).locator('input[name="every-1"]').fill('0');
  await rows.nth(1).locator('input[name="enabled-1"]').uncheck();
  await schedule.getByRole('button', { name: text('en', 'drills.ui.schedule.save') }).click();
  await expect(schedule.getByTestId('drill-schedule-invalid')).toHaveText(text('en', 'drills.ui.schedule.invalid'));
  await expect(rows.nth(1)).toContainText(text('en', 'drills.ui.schedule.error.daysInvalid'));
  await expect(rows.nth(1).locator('input[name="every-1"]')).toHaveAttribute('aria-invalid', 'true');
  await shots(app, page, '5-schedule-invalid');

  await rows.nth(1).locator('input[name="every-1"]').fill('14');
  await schedule.getByRole('button', { name: text('en', 'drills.ui.schedule.save') }).click();
  await expect(schedule.getByRole('button', { name: text('en', 'drills.ui.schedule.saved') })).toBeDisabled();
  await expect(schedule.getByTestId('drill-schedule-invalid')).toHaveCount(0);

  // Read back after a reload: the rows as saved; the drill of the first test makes the first one due in 30 days.
  await page.reload();
  await expect(app.nav()).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('input[name="vm-0"]')).toHaveValue(VM);
  await expect(rows.nth(0).locator('select[name="host-0"] option:checked')).toHaveText(HOST);
  await expect(rows.nth(0).locator('input[name="every-0"]')).toHaveValue('30');
  await expect(rows.nth(0).locator('input[name="enabled-0"]')).toBeChecked();
  await expect(rows.nth(0).getByTestId('drill-schedule-next')).not.toHaveText(text('en', 'drills.ui.schedule.dueNow'));
  await expect(rows.nth(0).getByTestId('drill-schedule-next')).toHaveText(/\d/);
  await expect(rows.nth(1).locator('input[name="vm-1"]')).toHaveValue(OTHER_VM);
  await expect(rows.nth(1).locator('input[name="every-1"]')).toHaveValue('14');
  await expect(rows.nth(1).locator('input[name="enabled-1"]')).not.toBeChecked();
  await expect(rows.nth(1).getByTestId('drill-schedule-next')).toHaveText(text('en', 'drills.ui.schedule.off'));
  await shots(app, page, '5-schedule');
});
