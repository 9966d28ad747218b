import { expect, test, type Page } from '@playwright/test';
import { messages as restoreWords } from '../../shared/i18n/restore.ts';
import { messages as uiWords } from '../../shared/i18n/restore-ui.ts';
import { esxi } from '../integration/lab-esxi/helpers.ts';
import { labPaths } from '../lab/lab-paths.ts';
import { openWithCopy } from './fixtures/site-with-copy.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { catalogText } from './pages/catalog-text.ts';
import type { CustodeApp } from './pages/custode-app.ts';
import { sectionShots } from './pages/section-shots.ts';

/**
 * Issue 16 §1 and §6 in browser mode against the small lab (esxi-08 and the NAS, as the lab restore tests use): a
 * copy of segreteria-dc01 made by a backup, then the Restore section's wizard end to end: the VM, its copy, the
 * target (powered on after, answering "copied"); a name registered on the target is refused (Run disabled, the block's reason shown); a free name plans
 * with every check visible and its exact commands, runs with a bar per disk, ends registered (the host's inventory
 * lists it); a second one cancelled mid-clone lists what it removed; both are among the recent restores, with a link
 * to the audit entry. Screenshots of each step it/en.
 */
test.describe.configure({ mode: 'serial' });

const STATE = '/var/tmp/custode-lab-restore-e2e';
const lab = useLab({ topology: 'small', stateDir: STATE, seedHistory: false });
const HOST = 'esxi-08';
const VM = 'segreteria-dc01';
const REGISTERED = 'segreteria app';
const NEW_NAME = 'segreteria-dc01-dal-wizard';
const CANCELLED = 'segreteria-dc01-annullata';
const REASON = 'il controller di dominio non si avvia dopo l’aggiornamento';

const text = catalogText(uiWords, restoreWords);
const shots = (app: CustodeApp, page: Page, step: string) => sectionShots(app, page, 'restore', step);

const inventory = () => esxi(labPaths(STATE).host(HOST).hostFs, 'bin/vim-cmd', ['vmsvc/getallvms']).stdout;

test('the restore wizard end to end: a registered name refused with Run disabled, then a restore that ends registered', async ({ page }) => {
  skipWithoutLab('restore e2e');
  test.setTimeout(600_000);
  const app = await openWithCopy(page, lab(), HOST, VM, 'e2e: una copia da ripristinare');

  // 1. The VM: every host's VMs as the last probe saw them.
  await app.goto('restore');
  const wizard = page.getByTestId('restore-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'vm');
  await expect(page.locator(`[data-testid="restore-vm"][data-vm="${VM}"]`)).toHaveAttribute('data-host', HOST);
  await expect(page.getByTestId('restore-drills')).toBeVisible();
  await shots(app, page, '1-vm');
  await page.getByRole('button', { name: text('en', 'restore.ui.vm.choose', { vm: VM }) }).click();

  // 2. The copy, read on the share now: the one the backup left, complete.
  await expect(wizard).toHaveAttribute('data-step', 'copy', { timeout: 60_000 });
  const copies = page.getByTestId('restore-copy');
  await expect(copies).toHaveCount(1);
  await expect(copies.first()).toHaveAttribute('data-status', 'ok');
  await expect(copies.first().getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('restore-override')).toHaveCount(0);
  await shots(app, page, '2-copy');
  await wizard.getByRole('button', { name: text('en', 'restore.ui.next'), exact: true }).click();

  // 3. The target, with the name of a VM registered on it.
  await expect(wizard).toHaveAttribute('data-step', 'target');
  await expect(wizard.locator('select[name="host"]')).toHaveValue(/.+/);
  await expect(wizard.locator('input[name="datastore"]')).toHaveValue('datastore1');
  // The target's datastores read now, each with its free space against the copy.
  const datastoreRow = wizard.locator('[data-testid="restore-datastore"][data-name="datastore1"]');
  await expect(datastoreRow.getByRole('radio')).toBeChecked({ timeout: 60_000 });
  await expect(datastoreRow).toContainText(/free of/);
  await expect(wizard.locator('[data-testid="restore-datastore"][data-name="datastore2"]')).toBeVisible();
  await wizard.locator('input[name="name"]').fill(REGISTERED);
  // Powered on after the restore, answering ESXi's "moved or copied" question "copied" unless told the original is gone.
  await wizard.locator('input[name="powerOn"]').check();
  await expect(wizard.getByRole('radio', { name: text('en', 'restore.ui.target.copied') })).toBeChecked();
  await expect(wizard.getByRole('radio', { name: text('en', 'restore.ui.target.moved') })).not.toBeChecked();
  await shots(app, page, '3-target');
  const before = inventory();
  await wizard.getByRole('button', { name: text('en', 'restore.ui.target.check') }).click();

  // 4a. Refused: the name check blocks with its reason, Run stays disabled, nothing is written.
  const review = page.getByTestId('restore-step-review');
  await expect(review).toBeVisible({ timeout: 90_000 });
  await expect(review).toHaveAttribute('data-verdict', 'block');
  const nameCheck = review.locator('[data-testid="restore-check"][data-check="name"]');
  await expect(nameCheck).toHaveAttribute('data-verdict', 'block');
  await expect(nameCheck).toContainText(text('en', 'restore.check.name.registered', { name: REGISTERED, host: HOST }));
  await expect(page.getByTestId('restore-blocked')).toHaveText(text('en', 'restore.ui.review.blocked'));
  const run = wizard.getByRole('button', { name: text('en', 'restore.ui.review.run'), exact: true });
  await expect(run).toBeDisabled();
  await shots(app, page, '4-refused');
  await expect(nameCheck).toContainText(text('en', 'restore.check.name.registered', { name: REGISTERED, host: HOST }));
  expect(inventory()).toBe(before);

  // 4b. A free name: every check visible, each with its words, and the exact commands.
  await wizard.getByRole('button', { name: text('en', 'restore.ui.back') }).click();
  await wizard.locator('input[name="name"]').fill(NEW_NAME);
  await wizard.getByRole('button', { name: text('en', 'restore.ui.target.check') }).click();
  await expect(review).toBeVisible({ timeout: 90_000 });
  await expect(review).not.toHaveAttribute('data-verdict', 'block');
  const checks = review.getByTestId('restore-check');
  for (const check of ['copy', 'name', 'folder', 'datastore', 'space', 'format', 'hardware', 'share']) await expect(review.locator(`[data-testid="restore-check"][data-check="${check}"]`)).toHaveCount(1);
  // Each check shows the words of its code, never the code itself.
  for (const c of await checks.all()) expect(await c.textContent()).not.toContain((await c.getAttribute('data-code'))!);
  await expect(review.locator('[data-testid="restore-check"][data-check="name"]')).toContainText(text('en', 'restore.check.name.free', { name: NEW_NAME, host: HOST }));
  const commands = review.getByTestId('plan-commands');
  await expect(commands).toContainText('vmkfstools');
  await expect(commands).toContainText('vim-cmd');
  await expect(commands).toContainText(`${NEW_NAME}/${NEW_NAME}.vmx`);
  // Without a reason it cannot run.
  await expect(run).toBeDisabled();
  await review.locator('textarea[name="reason"]').fill(REASON);
  await expect(run).toBeEnabled();
  await shots(app, page, '4-review');

  // 5. The run: a bar per disk, cancel saying what it does; slowed so that the bar is seen moving.
  await lab().fault(HOST, 'slow-clone', 'on');
  await run.click();
  const running = page.getByTestId('restore-step-run');
  await expect(running).toBeVisible();
  const disk = running.getByTestId('restore-disk');
  await expect(disk).toHaveCount(1);
  await expect(disk).toHaveAttribute('data-state', 'cloning', { timeout: 60_000 });
  await expect(running).toContainText(text('en', 'restore.ui.run.cancelWhat'));
  await shots(app, page, '5-running');
  const ended = page.getByTestId('restore-ended');
  await expect(ended).toHaveAttribute('data-outcome', 'succeeded', { timeout: 240_000 });
  await expect(disk).toHaveAttribute('data-state', 'cloned');
  await expect(ended).toContainText(text('en', 'restore.ui.end.poweredOn'));
  await expect(ended.getByTestId('restore-created')).toContainText(`/vmfs/volumes/datastore1/${NEW_NAME}/${NEW_NAME}.vmx`);
  expect(inventory()).toContain(`[datastore1] ${NEW_NAME}/${NEW_NAME}.vmx`);
  await shots(app, page, '5-ended');

  // A second restore cancelled mid-clone: nothing registered, what it made removed and listed.
  await wizard.getByRole('button', { name: text('en', 'restore.ui.startOver') }).click();
  await page.getByRole('button', { name: text('en', 'restore.ui.vm.choose', { vm: VM }) }).click();
  await expect(wizard).toHaveAttribute('data-step', 'copy', { timeout: 60_000 });
  await wizard.getByRole('button', { name: text('en', 'restore.ui.next'), exact: true }).click();
  await wizard.locator('input[name="name"]').fill(CANCELLED);
  await expect(wizard.locator('input[name="powerOn"]')).not.toBeChecked();
  await wizard.getByRole('button', { name: text('en', 'restore.ui.target.check') }).click();
  await expect(review).toHaveAttribute('data-verdict', /go|warn/, { timeout: 90_000 });
  await review.locator('textarea[name="reason"]').fill(`${REASON} (annullato)`);
  await run.click();
  await expect(disk).toHaveAttribute('data-state', 'cloning', { timeout: 60_000 });
  await running.getByRole('button', { name: text('en', 'restore.ui.run.cancel') }).click();
  await expect(ended).toHaveAttribute('data-outcome', 'cancelled', { timeout: 120_000 });
  await lab().fault(HOST, 'slow-clone', 'off');
  await expect(ended.getByTestId('restore-removed')).toContainText(`/vmfs/volumes/datastore1/${CANCELLED}`);
  await expect(ended.getByTestId('restore-not-removed')).toHaveCount(0);
  expect(inventory()).not.toContain(CANCELLED);
  await shots(app, page, '5-cancelled');

  // The restores recorded in the audit trail: this one, with who, why and its outcome, linked to its entry. The core
  // is shared by every spec of the run, so the drills' restores may be listed too: this one is found by its name.
  const row = page.locator('[data-testid="restore-recent-row"][data-outcome="succeeded"]').filter({ hasText: NEW_NAME });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(REASON);
  await expect(page.locator('[data-testid="restore-recent-row"][data-outcome="cancelled"]').filter({ hasText: CANCELLED })).toContainText(`${REASON} (annullato)`);
  await page.getByTestId('restore-recent').scrollIntoViewIfNeeded();
  await shots(app, page, '6-recent');
  await row.getByRole('link').click();
  await expect(page.getByTestId('audit-detail').getByTestId('audit-detail-reason')).toHaveText(REASON);
  await expect(page.getByTestId('audit-detail').getByTestId('audit-command').filter({ hasText: 'vmkfstools' }).first()).toContainText(NEW_NAME);
});
