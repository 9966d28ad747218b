import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { messages as opsWords } from '../../shared/i18n/operations.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { CustodeApp, type Lang } from './pages/custode-app.ts';
import { FleetPage } from './pages/fleet-page.ts';
import { PlanReviewDialog } from './pages/plan-review.ts';
import { messages as fleetUi } from '../../shared/i18n/fleet-ui.ts';

/**
 * Issue 13 acceptance, in browser mode against the seed lab: a host added through the UI with a reason, its pin
 * forgotten through the plan review (dangerous: a second confirmation naming host:port), the host removed through
 * the same review with its reason, all in the Audit section with their commands and reasons, and the CSV export;
 * screenshots in Italian and English.
 */
test.describe.configure({ mode: 'serial' });

// The seed's three nights of backup history are not needed here, and making them is most of its start-up time.
const lab = useLab({ topology: 'seed', stateDir: '/var/tmp/custode-lab-audit-e2e', seedHistory: false });
const ADD_REASON = 'nuovo host in aula magna';
const FORGET_REASON = 'chiave rigenerata dopo la reinstallazione di ESXi';
const REMOVE_REASON = 'host dismesso dopo il trasloco in aula magna';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });
const w = (lang: Lang, key: keyof (typeof opsWords)['en']) => opsWords[lang][key];

test('a host added, its pin forgotten, both in the trail with commands and reasons, exported as CSV', async ({ page }) => {
  skipWithoutLab('audit e2e');
  test.setTimeout(180_000);
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('audit');
  await expect(page.getByText(/No changes recorded/)).toBeVisible();

  // Add one host, saying why.
  const esxi = lab().hosts.find((h) => h.name === 'esxi-07')!;
  const host = { role: 'esxi' as const, name: esxi.name, address: esxi.address, port: esxi.port, username: esxi.username, password: esxi.password };
  await app.goto('fleet');
  const fleet = new FleetPage(page, 'en');
  await fleet.fillAdd(host);
  await fleet.addDialog().locator('textarea[name="reason"]').fill(ADD_REASON);
  await fleet.submitAdd();
  expect(await fleet.shownFingerprint()).toBe(esxi.fingerprint);
  await fleet.trustKey();
  await fleet.finishAdd(host);

  // Its pin, in Settings; the review in Italian first (then cancelled, nothing runs).
  const object = `${esxi.address}:${esxi.port}`;
  await app.setLanguage('it');
  await app.goto('settings');
  const pin = page.locator(`[data-testid="pin-row"][data-host="${object}"]`);
  await expect(pin).toHaveCount(1);
  await expect(pin).toContainText(esxi.fingerprint);
  await page.getByTestId('trust-card').screenshot({ path: 'test-results/screenshots/it-trust-pins.png' });
  await pin.getByRole('button', { name: opsWords.it['trust.ui.forget'] }).click();
  const review = page.getByTestId('plan-review');
  await expect(review).toHaveAttribute('data-kind', 'trust.forget');
  await review.getByRole('button', { name: w('it', 'operations.review.showCommands') }).click();
  await review.locator('textarea[name="reason"]').fill(FORGET_REASON);
  await shot(page, 'it-plan-review');
  await page.getByRole('button', { name: w('it', 'operations.review.cancel'), exact: true }).click();
  await expect(review).toBeHidden();
  await expect(pin).toHaveCount(1);

  // The same in English, run: a reason is required, then a second confirmation naming host:port.
  await app.setLanguage('en');
  await pin.getByRole('button', { name: opsWords.en['trust.ui.forget'] }).click();
  await expect(review).toHaveAttribute('data-phase', 'review');
  const run = page.getByRole('button', { name: w('en', 'operations.review.run'), exact: true });
  await expect(run).toBeDisabled();
  await review.getByRole('button', { name: w('en', 'operations.review.showCommands') }).click();
  await expect(review.getByTestId('plan-commands')).toContainText(`custode trust forget ${object}`);
  await review.locator('textarea[name="reason"]').fill(FORGET_REASON);
  await shot(page, 'en-plan-review');
  await run.click();
  await expect(review).toHaveAttribute('data-phase', 'confirm');
  await expect(review).toContainText(object);
  await shot(page, 'en-plan-confirm');
  await page.getByTestId('confirm-danger').click();
  await expect(review).toHaveAttribute('data-phase', 'result');
  await expect(review.getByTestId('operation-result')).toHaveAttribute('data-outcome', 'succeeded');
  await shot(page, 'en-plan-result');
  await page.getByRole('button', { name: w('en', 'operations.result.close') }).click();
  await expect(pin).toHaveCount(0);

  // The host removed from the fleet, in Italian: the same review, a reason required before Run.
  await app.setLanguage('it');
  await app.goto('fleet');
  const fleetIt = new FleetPage(page, 'it');
  await fleetIt.openHost(esxi.name);
  await fleetIt.card({ role: 'esxi', name: esxi.name }).getByRole('button', { name: fleetUi.it['fleet.ui.remove'], exact: true }).click();
  const removal = new PlanReviewDialog(page, 'it');
  await removal.expectKind('host.remove');
  await removal.run(REMOVE_REASON, null, (step) => shot(page, `it-remove-${step}`));
  await expect(page.locator(`[data-testid="host-row"][data-host="${esxi.name}"]`)).toHaveCount(0);
  await app.setLanguage('en');

  // Every operation in the Audit section, with their commands and reasons; the key decisions too.
  await app.goto('audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(5);
  // Newest first by when each began: the pin's removal is recorded while the forget operation runs.
  expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-subject')))).toEqual(['host.remove', 'trust.removed', 'trust.forget', 'trust.trusted', 'host.add']);
  await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
  const added = page.locator('[data-testid="audit-row"][data-subject="host.add"]');
  await expect(added).toContainText(ADD_REASON);
  await added.getByRole('button').click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail.getByTestId('audit-detail-reason')).toHaveText(ADD_REASON);
  await expect(detail.getByTestId('audit-command').filter({ hasText: `custode fleet add-host ${esxi.address} --port ${esxi.port}` })).toContainText('exit 0');
  const forgot = page.locator('[data-testid="audit-row"][data-subject="trust.forget"]');
  await expect(forgot).toContainText(FORGET_REASON);
  await forgot.getByRole('button').click();
  await expect(detail.getByTestId('audit-detail-reason')).toHaveText(FORGET_REASON);
  await expect(detail.getByTestId('audit-command').filter({ hasText: `custode trust forget ${object}` })).toContainText('exit 0');
  const removed = page.locator('[data-testid="audit-row"][data-subject="host.remove"]');
  await expect(removed).toContainText(REMOVE_REASON);
  await removed.getByRole('button').click();
  await expect(detail.getByTestId('audit-detail-reason')).toHaveText(REMOVE_REASON);
  await expect(detail.getByTestId('audit-command').filter({ hasText: `custode fleet remove ${esxi.name}` })).toContainText('exit 0');
  await app.screenshot('en-audit');
  await detail.screenshot({ path: 'test-results/screenshots/en-audit-detail.png' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w('en', 'audit.ui.export.csv') }).click()]);
  expect(download.suggestedFilename()).toMatch(/^custode-audit-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('seq,time,user,workstation,kind,operation,subject,title,target,reason,outcome,commands,hash,prev_hash');
  expect(csv).toContain(`"${ADD_REASON}"`);
  expect(csv).toContain(`"${FORGET_REASON}"`);
  expect(csv).toContain(`"${REMOVE_REASON}"`);
  expect(csv).toContain(`custode trust forget ${object}`);
  expect(csv).not.toContain(esxi.password);

  await app.setLanguage('it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registro attività');
  await app.screenshot('it-audit');
  await detail.screenshot({ path: 'test-results/screenshots/it-audit-detail.png' });
});
