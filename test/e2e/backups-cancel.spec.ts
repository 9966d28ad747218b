import { expect, test, type Locator, type Page } from '@playwright/test';
import { messages as cancelWords } from '../../shared/i18n/backup-cancel.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { appWithSlowHost, backupsShot, backupsText } from './pages/backups-section.ts';
import { CustodeApp } from './pages/custode-app.ts';
import { custodeProcess } from '../custode-process.ts';

/**
 * Issue 15 §4, §6, §7 in browser mode on the seed lab: the 10.0.0.8 host (esxi-08) has no backup history, so its
 * 04:30 scheduled run shows as missed; a run started from the UI is cancelled mid-clone (slow-clone) with a reason,
 * and the page says what was stopped and which partial folder was left. Screenshots in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-backups-cancel-e2e', seedHistory: false });
const HOST = 'esxi-08';
const RUN_REASON = 'copia prima di annullarla';
const REASON = 'annullato: la rete della segreteria serve per gli scrutini';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A run of the whole host (several VMs, a quarter of a minute each) started through the pre-flight and the reviewed
 * plan, followed on its page until a VM copies: the page and that VM.
 */
async function runUntilCloning(page: Page): Promise<{ runPage: Locator; vm: string }> {
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.runNowOn', { host: HOST }) }).click();
  const dialog = page.getByTestId('run-now');
  await expect(dialog).toHaveAttribute('data-phase', 'choose', { timeout: 90_000 });
  await dialog.locator('textarea[name="reason"]').fill(RUN_REASON);
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.review') }).click();
  await expect(dialog).toHaveAttribute('data-phase', 'review', { timeout: 90_000 });
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.start') }).click();
  const runPage = page.getByTestId('backup-run');
  const cloning = runPage.locator('[data-testid="vm-progress"][data-state="cloning"]');
  await expect(cloning).toHaveCount(1, { timeout: 90_000 });
  return { runPage, vm: (await cloning.getAttribute('data-vm'))! };
}

test('esxi-08: its missed 04:30 run is an alert; a run cancelled mid-clone from the UI with a reason leaves its partial folder, reported', async ({ page }) => {
  skipWithoutLab('backups cancel e2e');
  test.setTimeout(300_000);
  const app = await appWithSlowHost(page, lab(), HOST);

  // The lab has no history: the host's 04:30 scheduled run left no log, and its grace has run out.
  await app.setLanguage('it');
  await app.goto('backups');
  const missed = page.locator(`[data-testid="missed-run"][data-host="${HOST}"]`);
  await expect(missed).toBeVisible({ timeout: 30_000 });
  await expect(missed).toContainText('30 4 * * *');
  await expect(missed).toContainText(backupsText('it', 'backups.ui2.alerts.check'));
  await backupsShot(page, 'it-missed');
  await app.setLanguage('en');
  await expect(missed).toContainText(backupsText('en', 'backups.ui2.alerts.check'));
  await backupsShot(page, 'en-missed');

  const { runPage, vm: VM } = await runUntilCloning(page);

  // Mid-clone: the cancel says what it does, and wants a reason.
  await runPage.getByRole('button', { name: backupsText('en', 'backups.ui2.cancel.button') }).click();
  const cancel = page.getByTestId('cancel-dialog');
  await expect(cancel).toContainText(backupsText('en', 'backups.ui2.cancel.snapshot'));
  const confirm = page.getByRole('button', { name: backupsText('en', 'backups.ui2.cancel.confirm') });
  await expect(confirm).toBeDisabled();
  await cancel.locator('textarea[name="reason"]').fill(REASON);
  await backupsShot(page, 'en-cancel-dialog');
  await confirm.click();

  // The outcome: ghettoVCB stopped, the partial copy folder of the VM left in place and named.
  const outcome = runPage.getByTestId('cancel-outcome');
  await expect(outcome).toBeVisible({ timeout: 120_000 });
  const partial = outcome.locator(`[data-testid="partial-folder"][data-vm="${VM}"]`);
  await expect(partial).toContainText(`/vmfs/volumes/VM_backup_10.0.0.8/${VM}/${VM}-`);
  await expect(runPage.getByTestId('run-progress')).not.toHaveAttribute('data-done', 'no', { timeout: 60_000 });
  // The run job's toast (shown a few seconds) says cancelled, with the partial copy, never "done".
  await expect(page.locator('.toast').filter({ hasText: backupsText('en', 'backups.job.cancelledPartial', { title: `Backup of ${HOST}`, vms: VM }) })).toHaveCount(1);
  await expect(page.locator('.toast').filter({ hasText: new RegExp(`^Backup of ${HOST}: done`) })).toHaveCount(0);
  // What the user sees once it stopped: the run told as cancelled, never as ended; the VM cut off with its bar where
  // it stopped, marked cancelled (not stuck copying, not failed); no time left shown; the partial copy reported as
  // partial by verification, not as a copy with problems.
  const progress = runPage.getByTestId('run-progress');
  await expect(progress).toContainText(cancelWords.en['cli.backup.state.cancelled']);
  const cutOff = runPage.locator(`[data-testid="vm-progress"][data-vm="${VM}"]`);
  await expect(cutOff).toHaveAttribute('data-state', 'cancelled');
  await expect(cutOff).toContainText(backupsText('en', 'cli.backup.vm.cancelled'));
  await expect(runPage.locator('[data-testid="vm-progress"][data-state="cloning"], [data-testid="vm-progress"][data-state="snapshot"], [data-testid="vm-progress"][data-state="waiting"]')).toHaveCount(0);
  await expect(runPage.locator('[data-testid="vm-times"]:not([data-eta=""])')).toHaveCount(0);
  const verify = runPage.locator(`[data-testid="vm-verify"][data-vm="${VM}"]`);
  await expect(verify).toHaveAttribute('data-verdict', 'noCopy', { timeout: 60_000 });
  await expect(verify.locator('[data-testid="verify-check"][data-check="folder"]')).toHaveAttribute('data-verdict', 'warn');
  await expect(runPage.getByTestId('run-verify')).not.toHaveAttribute('data-verdict', 'problems');
  // No desktop notification is allowed in this browser: the run that ended cancelled is a banner in the section,
  // which says cancelled and names the partial copy.
  const banner = page.locator(`[data-testid="run-ended-banner"][data-host="${HOST}"]`);
  await expect(banner).toHaveText(new RegExp(`^${escape(backupsText('en', 'backups.ui2.ended.cancelled', { host: HOST, what: backupsText('en', 'backups.ui2.ended.partial', { vms: VM }) }))}`));
  await backupsShot(page, 'en-cancelled');
  await app.setLanguage('it');
  await expect(cutOff).toContainText(backupsText('it', 'cli.backup.vm.cancelled'));
  await expect(banner).toContainText(backupsText('it', 'backups.ui2.ended.cancelled', { host: HOST, what: backupsText('it', 'backups.ui2.ended.partial', { vms: VM }) }));
  await expect(progress).toContainText(cancelWords.it['cli.backup.state.cancelled']);
  await backupsShot(page, 'it-cancelled');

  // The run's record among the recent runs (with the reason it was started for; the cancel's is in the audit trail):
  // cancelled, the VM's partial folder.
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.back') }).click();
  const recent = page.getByTestId('backups-recent');
  await expect(recent).toContainText(RUN_REASON);
  await expect(recent).toContainText(`${VM}: ${cancelWords.it['ghettovcb.outcome.cancelled.label']}`);
  await backupsShot(page, 'it-recent-cancelled');
  await recent.getByRole('button', { name: new RegExp(HOST) }).first().click();
  await expect(runPage.getByTestId('run-ending')).toHaveAttribute('data-state', 'cancelled');
  await expect(runPage.locator(`[data-testid="vm-outcome"][data-vm="${VM}"] [data-testid="vm-partial"]`)).toContainText(`${VM}/${VM}-`);
  await expect(runPage.getByTestId('run-origin')).toHaveAttribute('data-origin', 'custode');
  await app.setLanguage('en');
  await backupsShot(page, 'en-cancelled-run');

  // The audit trail holds the cancel with its reason.
  await app.goto('audit');
  await expect(page.locator('[data-testid="audit-row"]').filter({ hasText: REASON })).toHaveCount(1);
});

test('a run the app follows, cancelled from the CLI: the page says cancelling, then cancelled, and the app tells it ended', async ({ page }) => {
  skipWithoutLab('backups cancel e2e');
  test.setTimeout(300_000);
  // The fleet is the one the run before added (the same data), its host still copying slowly.
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await lab().fault(HOST, 'slow-clone', 'on');
  await app.goto('backups');
  const { runPage, vm: VM } = await runUntilCloning(page);

  // Another process cancels it, as a script on the same workstation would (the host logs in with a password).
  const password = lab().hosts.find((h) => h.name === HOST)!.password;
  const cli = custodeProcess(['backup', 'cancel', HOST, '--reason', 'annullato dalla riga di comando', '--yes', '--password-stdin'], { CUSTODE_HOME: process.env.CUSTODE_E2E_HOME, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' }, `${password}\n`);
  const progress = runPage.getByTestId('run-progress');
  // The bars are cut off about a second before the CLI has recorded its cancel. Every text the run's badge takes is
  // recorded as the page renders it, so that a busy machine cannot make the test miss that second.
  await page.evaluate(() => {
    const seen: string[] = [];
    const record = () => {
      const text = document.querySelector('[data-testid="run-progress"] .badge')?.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
  });
  const badgeTexts = () => page.evaluate(() => [...(window as unknown as { badgeTexts: string[] }).badgeTexts]);
  const cancelling = backupsText('en', 'backups.ui.run.cancelling');
  await expect.poll(badgeTexts, { timeout: 120_000 }).toContain(cancelling);
  await expect(runPage.locator(`[data-testid="vm-progress"][data-vm="${VM}"]`)).toHaveAttribute('data-state', 'cancelled');
  // No bytes, rate or time left for copies that will not go on.
  await expect(progress.getByTestId('run-totals')).toHaveCount(0);
  await progress.screenshot({ path: 'test-results/screenshots/backups-en-cancelling.png' });
  const cancelled = await cli;
  expect(cancelled.err).toBe('');
  expect(cancelled.code).toBe(0);
  await expect(progress).toContainText(cancelWords.en['cli.backup.state.cancelled'], { timeout: 60_000 });
  // The badge said cancelling, then what the run ended as, and never "running" again over the cut-off bars.
  await expect.poll(async () => (await badgeTexts()).at(-1), { timeout: 60_000 }).not.toBe(cancelling);
  const texts = await badgeTexts();
  expect(texts.slice(texts.indexOf(cancelling) + 1)).not.toContain(backupsText('en', 'backups.ui.run.going'));
  // The app's user is told, as for a run cancelled here: the section's banner (no desktop notification in this browser).
  const banner = page.locator(`[data-testid="run-ended-banner"][data-host="${HOST}"]`);
  await expect(banner).toHaveText(new RegExp(`^${escape(backupsText('en', 'backups.ui2.ended.cancelled', { host: HOST, what: backupsText('en', 'backups.ui2.ended.partial', { vms: VM }) }))}`));
  await app.setLanguage('it');
  await expect(banner).toContainText(backupsText('it', 'backups.ui2.ended.cancelled', { host: HOST, what: backupsText('it', 'backups.ui2.ended.partial', { vms: VM }) }));
  await backupsShot(page, 'it-cancelled-elsewhere');
});
