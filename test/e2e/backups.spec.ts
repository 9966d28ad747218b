import { expect, test } from '@playwright/test';
import { messages as ghettoWords } from '../../shared/i18n/ghettovcb.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { appWithSlowHost, backupsPattern, backupsShot, backupsText } from './pages/backups-section.ts';

/**
 * Issue 15 §8 acceptance in browser mode against the seed lab: a backup of the 10.0.0.8 host (esxi-08) started from
 * the Backups section after its pre-flight, with chosen VMs and a reason, through the reviewed commands; each VM's
 * bar moves with the run's progress, the run ends, the VM that has a snapshot is shown skipped with what to do, and
 * the audit trail holds the commands and the reason; the copies written are shown verified, and the run that ended
 * with problems is an in-app banner (no notification permission in the test browser). Screenshots in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-backups-e2e', seedHistory: false });
const HOST = 'esxi-08';
// The seed gives each host a VM with a snapshot (<role>-app): ghettoVCB skips it.
const WITH_SNAPSHOT = 'segreteria-app';
const VMS = ['segreteria-dc01', WITH_SNAPSHOT, 'segreteria gestionale scuola'];
const REASON = 'copia prima dell’aggiornamento di ESXi in segreteria';

test('a backup of esxi-08 run now from the UI: pre-flight, chosen VMs, reason, reviewed commands, live bars, the snapshot VM skipped with its fix, the audit entry', async ({ page }) => {
  skipWithoutLab('backups e2e');
  test.setTimeout(300_000);
  const app = await appWithSlowHost(page, lab(), HOST);

  // The section before any run, and the pre-flight in Italian (then cancelled: nothing starts).
  await app.setLanguage('it');
  await app.goto('backups');
  // The spec files share one server: runs other specs made (of their own labs' esxi-08) may be in the history.
  await expect(page.getByTestId('backups-recent')).not.toContainText(backupsText('it', 'backups.ui.loading'));
  await expect(page.getByTestId('backups-recent')).not.toContainText(REASON);
  await backupsShot(page, 'it-section');
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.runNowOn', { host: HOST }) }).click();
  const dialog = page.getByTestId('run-now');
  await expect(dialog).toHaveAttribute('data-phase', 'choose', { timeout: 90_000 });
  const snapshotCheck = dialog.locator(`[data-testid="preflight-check"][data-check="snapshots"][data-vm="${WITH_SNAPSHOT}"]`);
  await expect(snapshotCheck).not.toHaveAttribute('data-verdict', 'go');
  await backupsShot(page, 'it-preflight');
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.dialog.cancel'), exact: true }).click();
  await expect(dialog).toBeHidden();

  // In English: chosen VMs, a reason, the reviewed commands, the start.
  await app.setLanguage('en');
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.runNowOn', { host: HOST }) }).click();
  await expect(dialog).toHaveAttribute('data-phase', 'choose', { timeout: 90_000 });
  const review = page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.review') });
  await dialog.getByRole('radio', { name: backupsText('en', 'backups.ui.dialog.chosenVms') }).check();
  for (const vm of VMS) await dialog.getByRole('checkbox', { name: vm }).check();
  // Without a reason nothing can be reviewed.
  await expect(review).toBeDisabled();
  await dialog.locator('textarea[name="reason"]').fill(REASON);
  await backupsShot(page, 'en-choose');
  await review.click();
  await expect(dialog).toHaveAttribute('data-phase', 'review', { timeout: 90_000 });
  const commands = dialog.getByTestId('plan-commands');
  await expect(commands).toContainText('setsid');
  await expect(commands).toContainText('ghettoVCB.sh');
  for (const vm of VMS) await expect(commands).toContainText(vm);
  await backupsShot(page, 'en-review');
  await page.getByRole('button', { name: backupsText('en', 'backups.ui.dialog.start') }).click();

  // The run's page: the bars move with the run's progress, the log appends.
  const runPage = page.getByTestId('backup-run');
  await expect(runPage).toBeVisible();
  const first = runPage.locator(`[data-testid="vm-progress"][data-vm="${VMS[0]}"]`);
  let seen = 0;
  await expect
    .poll(async () => {
      if ((await first.getAttribute('data-state')) !== 'cloning') return 0;
      seen = Number((await first.getAttribute('data-percent')) || 0);
      return seen;
    }, { timeout: 90_000 })
    .toBeGreaterThan(0);
  await expect(runPage.getByTestId('backup-log')).toContainText(VMS[0]!);
  await backupsShot(page, 'en-running');
  await expect
    .poll(async () => ((await first.getAttribute('data-state')) === 'cloning' ? Number((await first.getAttribute('data-percent')) || 0) : 101), { timeout: 60_000 })
    .toBeGreaterThan(seen);
  // The VM copying shows its time so far and the time left at the rate measured (issue 15 §3), in it and en.
  const times = first.getByTestId('vm-times');
  await expect(times).not.toHaveAttribute('data-eta', '', { timeout: 30_000 });
  await expect(times).toContainText(backupsPattern('en', 'backups.ui.run.vmEta'));
  await expect(times).toContainText(backupsPattern('en', 'backups.ui.run.vmElapsed'));
  await expect(runPage.getByTestId('run-totals')).toContainText(backupsPattern('en', 'backups.ui.run.totalsNoRate'));
  await runPage.getByTestId('run-progress').screenshot({ path: 'test-results/screenshots/backups-en-running-eta.png' });
  await app.setLanguage('it');
  await expect(times).toContainText(backupsPattern('it', 'backups.ui.run.vmEta'));
  await runPage.getByTestId('run-progress').screenshot({ path: 'test-results/screenshots/backups-it-running-eta.png' });
  await app.setLanguage('en');

  // Re-attach: a new window (the page reloaded) finds the run going on and follows it again.
  await page.reload();
  await app.goto('backups');
  const running = page.locator(`[data-testid="running-run"][data-host="${HOST}"]`);
  // The run is mid-copy with VMs to go (each copy takes seconds): it is still going on.
  await expect(running).toBeVisible({ timeout: 30_000 });
  await backupsShot(page, 'en-reattached');
  await running.getByRole('button', { name: backupsText('en', 'backups.ui.open') }).click();
  await expect(runPage).toBeVisible();

  // The end: the snapshot VM skipped, with what to do.
  await expect(runPage.getByTestId('run-ending')).toBeVisible({ timeout: 180_000 });
  await expect(runPage.getByTestId('run-ending')).toHaveAttribute('data-state', 'ended');
  await expect(runPage.locator(`[data-testid="vm-progress"][data-vm="${WITH_SNAPSHOT}"]`)).toHaveAttribute('data-state', 'skipped');
  const skipped = runPage.locator(`[data-testid="vm-outcome"][data-vm="${WITH_SNAPSHOT}"]`);
  await expect(skipped).toHaveAttribute('data-outcome', 'skipped_has_snapshot');
  await expect(skipped.getByTestId('vm-fix')).toContainText(ghettoWords.en['ghettovcb.outcome.skipped_has_snapshot.fix']);
  await expect(runPage.locator(`[data-testid="vm-outcome"][data-vm="${VMS[0]}"]`)).toHaveAttribute('data-outcome', 'ok');
  await expect(runPage.getByTestId('run-reason')).toHaveText(REASON);
  // The copies the run wrote are verified on the share; the skipped VM wrote none. The run ended with problems (a VM
  // skipped): this browser allows no desktop notification, so it is a banner in the section.
  await expect(runPage.getByTestId('run-verify')).toHaveAttribute('data-verdict', 'verified', { timeout: 60_000 });
  await expect(runPage.locator(`[data-testid="vm-verify"][data-vm="${VMS[0]}"]`)).toHaveAttribute('data-verdict', 'verified');
  await expect(runPage.locator(`[data-testid="vm-verify"][data-vm="${WITH_SNAPSHOT}"]`)).toHaveAttribute('data-verdict', 'noCopy');
  await expect(runPage.getByTestId('run-origin')).toHaveAttribute('data-origin', 'custode');
  await expect(page.locator(`[data-testid="run-ended-banner"][data-host="${HOST}"]`).first()).toContainText(WITH_SNAPSHOT);
  await backupsShot(page, 'en-ended');
  await runPage.getByTestId('run-ending').screenshot({ path: 'test-results/screenshots/backups-en-ending.png' });
  await app.setLanguage('it');
  await expect(skipped.getByTestId('vm-fix')).toContainText(ghettoWords.it['ghettovcb.outcome.skipped_has_snapshot.fix']);
  await backupsShot(page, 'it-ended');
  await runPage.getByTestId('run-ending').screenshot({ path: 'test-results/screenshots/backups-it-ending.png' });

  // Back to the section: the run among the recent ones, each VM's outcome shown.
  await page.getByRole('button', { name: backupsText('it', 'backups.ui.back') }).click();
  const recent = page.getByTestId('backups-recent');
  await expect(recent).toContainText(REASON);
  await expect(recent.locator('tr').filter({ hasText: REASON }).getByTestId('run-verify-badge')).toHaveAttribute('data-verdict', 'verified');
  await expect(recent).toContainText(`${WITH_SNAPSHOT}: ${ghettoWords.it['ghettovcb.outcome.skipped_has_snapshot.label']}`);
  await backupsShot(page, 'it-recent');
  await app.setLanguage('en');
  await backupsShot(page, 'en-recent');

  // The audit entry: the exact commands sent, and the reason.
  await app.goto('audit');
  const entry = page.locator('[data-testid="audit-row"]').filter({ hasText: REASON });
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button').click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail.getByTestId('audit-detail-reason')).toHaveText(REASON);
  await expect(detail.getByTestId('audit-command').filter({ hasText: 'setsid' })).toContainText('ghettoVCB.sh');
});
