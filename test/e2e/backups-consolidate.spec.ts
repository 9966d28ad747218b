import { expect, test } from '@playwright/test';
import { messages as consolidateWords } from '../../shared/i18n/backup-consolidate.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { appWithSlowHost, backupsShot, backupsText } from './pages/backups-section.ts';

/**
 * Issue 15 §2 in browser mode on the seed lab: "consolidate snapshots first". The VM of esxi-08 that has a snapshot
 * (ghettoVCB would skip it) is chosen, its snapshots are picked in the run-now dialog, the reviewed plan removes them
 * by id first and will not start until each removal is confirmed a second time; the run then backs the VM up.
 * Screenshots in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-backups-consolidate-e2e', seedHistory: false });
const HOST = 'esxi-08';
const VM = 'segreteria-app';
const REASON = 'consolidare lo snapshot prima del backup';
const words = (lang: 'it' | 'en', key: keyof typeof consolidateWords.en, params: Record<string, string | number> = {}) =>
  Object.entries(params).reduce<string>((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), consolidateWords[lang][key]);

test('esxi-08: the snapshots of segreteria-app, picked and confirmed twice, are removed first, then the VM is backed up instead of skipped', async ({ page }) => {
  skipWithoutLab('backups consolidate e2e');
  test.setTimeout(300_000);
  const app = await appWithSlowHost(page, lab(), HOST);
  const dialog = page.getByTestId('run-now');
  const picker = dialog.getByTestId('consolidate-picker');
  const picks = picker.getByTestId('consolidate-pick');
  const commands = dialog.getByTestId('plan-commands');
  const confirms = dialog.getByTestId('confirm-removal');

  /** The dialog in one language (a modal dialog: the language is chosen before it opens), up to the reviewed plan. */
  const review = async (lang: 'it' | 'en'): Promise<string[]> => {
    await app.setLanguage(lang);
    await app.goto('backups');
    await page.getByRole('button', { name: backupsText(lang, 'backups.ui.runNowOn', { host: HOST }) }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'choose', { timeout: 90_000 });
    await dialog.getByRole('radio', { name: backupsText(lang, 'backups.ui.dialog.chosenVms') }).check();
    await dialog.getByTestId('vm-picker').getByRole('checkbox', { name: VM }).check();
    // Its snapshots, read from the host with their ids: none is picked unless the user picks it.
    await expect(picks.first()).toBeVisible({ timeout: 30_000 });
    await expect(picker).toContainText(words(lang, 'backups.ui.consolidate.title'));
    const ids = await picks.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    expect(ids.length).toBeGreaterThan(0);
    for (const box of await picks.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
    for (const box of await picks.getByRole('checkbox').all()) await box.check();
    await dialog.locator('textarea[name="reason"]').fill(REASON);
    await backupsShot(page, `${lang}-consolidate-pick`);
    // The plan removes exactly those snapshots, by id, before the start; Start waits for the second confirmation.
    await page.getByRole('button', { name: backupsText(lang, 'backups.ui.dialog.review') }).click();
    await expect(dialog).toHaveAttribute('data-phase', 'review', { timeout: 90_000 });
    for (const id of ids) await expect(commands).toContainText(new RegExp(`vim-cmd vmsvc/snapshot\\.remove \\d+ ${id}\\b`));
    await expect(commands).toContainText('ghettoVCB.sh');
    await expect(page.getByRole('button', { name: backupsText(lang, 'backups.ui.dialog.start') })).toBeDisabled();
    await expect(confirms).toHaveCount(ids.length);
    await expect(confirms.first()).toHaveAttribute('data-object', `${VM}:${ids[0]}`);
    await expect(dialog.getByTestId('confirm-removals')).toContainText(words(lang, 'backups.ui.consolidate.needsConfirm'));
    await confirms.first().scrollIntoViewIfNeeded();
    await backupsShot(page, `${lang}-consolidate-review`);
    return ids;
  };

  // In Italian, reviewed and left: nothing is removed (the snapshots are there to pick again).
  const idsIt = await review('it');
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.dialog.back') }).click();
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.dialog.cancel'), exact: true }).click();
  await expect(dialog).toBeHidden();
  // In English, confirmed and started.
  expect(await review('en')).toEqual(idsIt);
  const startButton = page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.start') });
  for (const box of await confirms.getByRole('checkbox').all()) await box.check();
  await expect(startButton).toBeEnabled();
  await startButton.click();

  // The run backs the VM up (it would have been skipped with its snapshot).
  const runPage = page.getByTestId('backup-run');
  await expect(runPage.getByTestId('run-ending')).toHaveAttribute('data-state', 'ended', { timeout: 180_000 });
  await expect(runPage.locator(`[data-testid="vm-outcome"][data-vm="${VM}"]`)).toHaveAttribute('data-outcome', 'ok');
  await expect(runPage.locator(`[data-testid="vm-progress"][data-vm="${VM}"]`)).toHaveAttribute('data-state', 'done');
  await backupsShot(page, 'en-consolidated-run');
  await app.setLanguage('it');
  await backupsShot(page, 'it-consolidated-run');
});
