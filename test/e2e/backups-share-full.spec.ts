import { expect, test } from '@playwright/test';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { appWithSlowHost, backupsShot, backupsText } from './pages/backups-section.ts';

/**
 * Issue 15, `nas-full` during a run, in browser mode on the small lab: a run of esxi-08 started from the UI, its share
 * filled up once the first copy has begun. The run's page says, per VM, that the share was full, with its free space
 * after the run. Screenshots in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'small', stateDir: '/var/tmp/custode-lab-backups-sharefull-e2e' });
const HOST = 'esxi-08';

test('esxi-08: the share fills up during a run; each VM says so on the run’s page', async ({ page }) => {
  skipWithoutLab('backups share-full e2e');
  test.setTimeout(300_000);
  const app = await appWithSlowHost(page, lab(), HOST);
  await app.goto('backups');
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.runNowOn', { host: HOST }) }).click();
  const dialog = page.getByTestId('run-now');
  await expect(dialog).toHaveAttribute('data-phase', 'choose', { timeout: 90_000 });
  await dialog.locator('textarea[name="reason"]').fill('copia prima degli scrutini');
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.review') }).click();
  await expect(dialog).toHaveAttribute('data-phase', 'review', { timeout: 90_000 });
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.start') }).click();

  const runPage = page.getByTestId('backup-run');
  await expect(runPage.locator('[data-testid="vm-progress"][data-state="cloning"]')).toHaveCount(1, { timeout: 90_000 });
  await lab().fault(HOST, 'nas-full', '4096');
  try {
    await expect(runPage.getByTestId('run-ending')).toHaveAttribute('data-state', 'ended', { timeout: 180_000 });
    // Which VM the full share cut off depends on where the copy was; every VM that did not end with a good copy says
    // the share was full, with its free space after the run, and the VMs before it are backed up.
    const outcomes = runPage.getByTestId('vm-outcome');
    await expect(outcomes).not.toHaveCount(0);
    // The bars say how each VM ended too: none is left copying (or waiting) once the run is over.
    const bars = runPage.getByTestId('vm-progress');
    await expect(bars).not.toHaveCount(0);
    await expect(runPage.locator('[data-testid="vm-progress"]:is([data-state="waiting"], [data-state="snapshot"], [data-state="cloning"], [data-state="removingSnapshot"])')).toHaveCount(0);
    // A bar for every VM the run's end names, the failed ones among them.
    await expect(bars).toHaveCount(await outcomes.count());
    await expect(runPage.locator('[data-testid="vm-progress"][data-state="failed"]')).not.toHaveCount(0);
    const failed = runPage.locator('[data-testid="vm-outcome"]:not([data-outcome="ok"])');
    const count = await failed.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(failed.nth(i).getByTestId('vm-why')).toContainText(/VM_backup_10\.0\.0\.8 (was full|had no space left) \(\d+ (B|KiB) free after the run\)/);
    }
    await failed.last().scrollIntoViewIfNeeded();
    await backupsShot(page, 'en-share-full');
    await app.setLanguage('it');
    await expect(failed.first().getByTestId('vm-why')).toContainText(/la condivisione VM_backup_10\.0\.0\.8 era piena \(\d+ (B|KiB) liberi dopo il backup\)/);
    await failed.last().scrollIntoViewIfNeeded();
    await backupsShot(page, 'it-share-full');
  } finally {
    await lab().fault(HOST, 'nas-full', 'off');
  }
});
