import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages as accessWords } from '../../shared/i18n/restore-access-open.ts';
import { AuditStore } from '../../electron/core/audit/audit-store.ts';
import { migrate, openDatabase } from '../../electron/core/catalog/database.ts';
import type { StepExecutor } from '../../electron/core/operations/executor.ts';
import { readAccessFacts } from '../../electron/core/restore/cross-host/access-facts.ts';
import { AccessJournal } from '../../electron/core/restore/cross-host/access-journal.ts';
import { planShareAccess, type HostStepTarget } from '../../electron/core/restore/cross-host/access-plan.ts';
import { exportRecordCommand } from '../../electron/core/restore/cross-host/export-record.ts';
import { openShareAccess } from '../../electron/core/restore/cross-host/open-access.ts';
import { midcltCommand } from '../../electron/core/nas/midclt.ts';
import { cmd } from '../../electron/core/shell/command.ts';
import type { Lab, LabHost } from '../lab/api.ts';
import { sharePath } from '../lab/topology.ts';
import { run } from '../integration/lab/ssh-client.ts';
import { CoreClient } from './fixtures/core-client.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { catalogText } from './pages/catalog-text.ts';
import { CustodeApp } from './pages/custode-app.ts';
import { addNasAndHost } from './pages/lab-hosts.ts';
import { sectionShots } from './pages/section-shots.ts';

/**
 * A temporary access a cross-host restore left open, in the Restore section, against a two-host lab: host B
 * (esxi-002) reads host A's share through a widened NAS export and a temporary datastore, journalled in the browser
 * host's data folder as a restore journals it. With the NAS down, "Close now" fails and the card says why and what to
 * do; with the NAS back, "Close now" with a reason closes it, the card says what the close did, and the export and
 * B's datastores are as before. Screenshots it/en.
 */
test.describe.configure({ mode: 'serial' });

const STATE = '/var/tmp/custode-lab-access-e2e';
const lab = useLab({ topology: 'large:2', stateDir: STATE, seedHistory: false });
const text = catalogText(accessWords);
// The end toasts of this spec's jobs are left to expire first (a long one stacked above the others can sit out of reach).
const shots = async (app: CustodeApp, page: Page, step: string) => {
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 60_000 });
  await sectionShots(app, page, 'restore-access', step);
};

async function fleetIds(): Promise<Map<string, string>> {
  const core = await CoreClient.open();
  try {
    const view = await core.call('fleet.view', {});
    if (!view.ok) throw new Error(`fleet.view: ${view.error.code}`);
    const { esxi, nas } = view.value as { esxi: { host: { id: string; address: string; port: number } }[]; nas: { host: { id: string; address: string; port: number } }[] };
    return new Map([...esxi, ...nas].map(({ host }) => [`${host.address}:${host.port}`, host.id]));
  } finally {
    core.close();
  }
}

/** B's access to A's share, opened as a restore opens it, in the data folder of the page's core. */
async function openAccess(l: Lab, a: LabHost, b: LabHost, nas: LabHost): Promise<{ datastore: string }> {
  const ids = await fleetIds();
  const executor: StepExecutor = {
    async send(target, action) {
      if (target.kind !== 'host' || action.kind === 'local') throw new Error('lab executor: host commands only');
      const r = await run(l.host(target.name), action.command);
      return { exitCode: r.code, output: r.stdout + r.stderr };
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'custode-access-e2e-'));
  const db = openDatabase(join(dir, 'open.sqlite'));
  try {
    migrate(db);
    const deps = { executor, audit: new AuditStore(db), journal: new AccessJournal(process.env.CUSTODE_E2E_HOME!) };
    const folder = 'vm-1-a/vm-1-a-2026-12-06_01-00-00';
    mkdirSync(join(STATE, 'nas', sharePath(a.identityIp), folder), { recursive: true });
    writeFileSync(join(STATE, 'nas', sharePath(a.identityIp), folder, 'vm-1-a.vmx'), 'copia\n');
    const copy = { server: nas.identityIp, share: sharePath(a.identityIp), folder, version: 'nfs41' as const };
    const machine = (h: LabHost) => ({ id: ids.get(`${h.address}:${h.port}`)!, name: h.name, address: h.address });
    const facts = await readAccessFacts(deps, copy, { ...machine(b), ips: [b.identityIp] }, { ...machine(nas), addresses: [nas.identityIp] }, new AbortController().signal);
    const access = planShareAccess(copy, facts, 'e2e1');
    if (access.kind !== 'temporary') throw new Error(`B unexpectedly reads the share through ${access.datastore}`);
    expect((access.host as HostStepTarget).hostId).toBeTruthy();
    await openShareAccess(deps, access, { signal: new AbortController().signal, reason: 'e2e: ripristino su B', secrets: {} });
    return { datastore: access.datastore };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an access left open is shown with its error, and closed with a reason once the NAS is back', async ({ page }) => {
  skipWithoutLab('restore access e2e');
  test.setTimeout(600_000);
  const l = lab();
  const [a, b] = l.hosts.filter((h) => h.role === 'esxi') as [LabHost, LabHost];
  const nas = l.hosts.find((h) => h.role === 'nas')!;
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('restore');
  // No access open: no card.
  await expect(page.getByTestId('restore-page')).toBeVisible();
  await expect(page.getByTestId('open-accesses')).toHaveCount(0);

  await app.goto('fleet');
  await addNasAndHost(page, l, b.name);
  const shareId = (JSON.parse((await run(nas, midcltCommand('sharing.nfs.query', [['path', '=', sharePath(a.identityIp)]]).text)).stdout) as Array<{ id: number }>)[0]!.id;
  const record = async () => (await run(nas, exportRecordCommand(shareId).text)).stdout;
  const datastoresOfB = async () => (await run(b, cmd('esxcli', 'storage', 'nfs41', 'list').text)).stdout;
  const original = await record();
  const before = await datastoresOfB();
  const { datastore } = await openAccess(l, a, b, nas);
  expect(JSON.parse(await record()).hosts).toEqual([a.identityIp, b.identityIp]);

  // The NAS goes down: the close fails, and says so in words with what to do.
  expect(await l.fault(nas.name, 'stop')).toContain('stopped');
  await app.goto('restore');
  const card = page.getByTestId('open-accesses');
  const item = card.locator('[data-testid="open-access"][data-id="e2e1"]');
  await expect(item).toBeVisible();
  await expect(item).toContainText(text('en', 'restore.accesses.route', { host: b.name, nas: nas.name, share: sharePath(a.identityIp) }));
  await expect(item).toContainText(datastore);
  await expect(item).toContainText(text('en', 'restore.accesses.noAttempt'));
  await shots(app, page, '1-open');

  await item.getByRole('button', { name: text('en', 'restore.accesses.close') }).click();
  const dialog = page.getByTestId('access-close-dialog');
  await expect(dialog).toBeVisible();
  const confirm = page.getByRole('button', { name: text('en', 'restore.accesses.confirm') });
  await expect(confirm).toBeDisabled();
  await dialog.locator('textarea[name="reason"]').fill('il NAS è spento: provo comunque');
  await page.screenshot({ path: 'test-results/screenshots/restore-access-en-dialog.png' });
  await confirm.click();
  await expect(dialog).toHaveAttribute('data-state', 'failed', { timeout: 180_000 });
  await expect(dialog.locator('.error-alert')).toHaveAttribute('data-code', /^ssh\./);
  await page.getByRole('button', { name: text('en', 'restore.accesses.keep') }).click();
  await expect(item.getByTestId('open-access-error')).toHaveAttribute('data-code', /^ssh\./);
  await expect(item).toContainText(text('en', 'restore.accesses.todo', { host: b.name, nas: nas.name }));
  // The error names the machine that did not answer, by its name.
  await expect(item.getByTestId('open-access-error')).toContainText(nas.name);

  // The NAS is back (the card keeps the last error until the next attempt; the reconnection's notices end).
  expect(await l.fault(nas.name, 'start')).toContain('started');
  await shots(app, page, '2-failed');
  await item.getByRole('button', { name: text('en', 'restore.accesses.close') }).click();
  await dialog.locator('textarea[name="reason"]').fill('il NAS è tornato');
  await page.getByRole('button', { name: text('en', 'restore.accesses.confirm') }).click();
  const closed = card.getByTestId('open-access-closed');
  await expect(closed).toBeVisible({ timeout: 180_000 });
  await expect(closed).toContainText(text('en', 'restore.accesses.closedExport'));
  await expect(card.getByTestId('open-access')).toHaveCount(0);
  expect(await record()).toBe(original);
  expect(await datastoresOfB()).toBe(before);
  await shots(app, page, '3-closed');
  await closed.getByRole('link', { name: text('en', 'restore.accesses.audit') }).click();
  await expect(page.getByText('il NAS è tornato').first()).toBeVisible();
});
