import { expect, test, type Page } from '@playwright/test';
import { messages as sshWords } from '../../shared/i18n/ssh.ts';
import { startLab, type Lab } from '../lab/api.ts';
import { CoreClient } from './fixtures/core-client.ts';
import { CustodeApp, type Lang } from './pages/custode-app.ts';
import { PlanReviewDialog } from './pages/plan-review.ts';

/**
 * The SSH dialogs against a real lab host, in browser mode. The test plays a second client of the same core (what
 * a wizard will do later): it asks core to connect over the WebSocket, and the person's part happens in the page.
 */
let lab: Lab | null = null;
const labSkip = typeof process.getuid === 'function' && process.getuid() !== 0 ? 'the lab needs root (mount namespaces)' : null;

test.beforeAll(async () => {
  if (labSkip) return;
  lab = await startLab({ topology: 'small', stateDir: '/var/tmp/custode-lab-ssh-e2e', seedHistory: false });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

for (const lang of ['it', 'en'] as const satisfies readonly Lang[]) {
  test(`host key, login and changed-key dialogs read in ${lang}`, async ({ page }) => {
    if (labSkip) {
      console.log(`[connections e2e] skipped: ${labSkip}`);
      test.skip(true, labSkip); // reason printed above
      return;
    }
    const words = sshWords[lang];
    const app = new CustodeApp(page);
    await app.openInBrowser();
    await app.setLanguage(lang);
    const core = await CoreClient.open();
    let esxi = lab!.host('esxi-08');
    const target = { hostId: 'esxi-08', host: esxi.address, port: esxi.port, username: 'root', auth: { password: true } };
    await core.call('ssh.trust.forget', { host: esxi.address, port: esxi.port, reason: 'e2e: the dialogs start from a first contact' });

    // First contact: the key is shown before anything is sent, and the safe choice has the focus.
    const connecting = core.call('ssh.connect', target);
    const hostKey = page.getByTestId('host-key-dialog');
    await expect(hostKey).toBeVisible();
    await expect(page.getByRole('dialog').last().locator('.dialog-title')).toHaveText(words['ssh.hostKey.title'].replace('{{name}}', esxi.address));
    await expect(hostKey.locator('[data-fingerprint]')).toHaveAttribute('data-fingerprint', esxi.fingerprint);
    await expect(hostKey).toContainText('ecdsa-sha2-nistp256');
    await expect(page.getByRole('button', { name: words['ssh.hostKey.reject'] })).toBeFocused();
    await shot(page, `${lang}-ssh-host-key`);
    await page.getByRole('button', { name: words['ssh.hostKey.trust'] }).click();

    // ESXi's keyboard-interactive round comes to the page and goes back.
    const auth = page.getByTestId('auth-prompt-dialog');
    await expect(auth).toBeVisible();
    await expect(auth.locator('input[type="password"]')).toBeFocused();
    await auth.locator('input[type="password"]').fill(esxi.password);
    await expect(auth).toContainText(words['ssh.auth.notRemembered']);
    await shot(page, `${lang}-ssh-login`);
    await page.getByRole('button', { name: words['ssh.auth.submit'] }).click();
    expect(await connecting).toMatchObject({ ok: true, value: { hostId: 'esxi-08', state: 'ready' } });

    await page.getByRole('button', { name: words['ssh.connections'] }).click();
    await expect(page.locator('[data-host-id="esxi-08"] [data-connection-state]')).toHaveAttribute('data-connection-state', 'ready');
    await expect(page.locator('[data-host-id="esxi-08"]')).toContainText(words['ssh.state.ready']);
    await shot(page, `${lang}-ssh-connections`);
    await page.getByRole('button', { name: words['ssh.connections'] }).click();

    // The host key changes: refused, loud, both fingerprints side by side, no way to accept it from here.
    const pinned = esxi.fingerprint;
    await core.call('ssh.disconnect', { hostId: 'esxi-08' });
    await lab!.fault('esxi-08', 'rotate-hostkey');
    esxi = lab!.host('esxi-08');
    const refused = await core.call('ssh.connect', target);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ssh.hostKeyChanged' } });
    const changed = page.getByTestId('host-key-changed-dialog');
    await expect(changed).toBeVisible();
    await expect(page.getByRole('dialog').last().locator('.dialog-title')).toHaveText(words['ssh.changed.title'].replace('{{host}}', esxi.address));
    await expect(changed.getByTestId('pinned-key').locator('[data-fingerprint]')).toHaveAttribute('data-fingerprint', pinned);
    await expect(changed.getByTestId('presented-key').locator('[data-fingerprint]')).toHaveAttribute('data-fingerprint', esxi.fingerprint);
    await expect(page.getByRole('button', { name: words['ssh.changed.close'] })).toBeFocused();
    const forget = page.getByRole('button', { name: words['ssh.changed.forget'] });
    await expect(forget).toBeDisabled();
    await expect(page.getByRole('button', { name: words['ssh.hostKey.trust'] })).toHaveCount(0);
    await shot(page, `${lang}-ssh-host-key-changed`);
    const events = await core.call('ssh.trust.events', { host: esxi.address, port: esxi.port });
    expect(events.ok && (events.value as { kind: string }[]).map((e) => e.kind)).toContain('changed');

    // Only after ticking the check can the old pin go; the next contact is a first contact again.
    await page.getByLabel(words['ssh.changed.confirmChecked']).check();
    await forget.click();
    await expect(changed).toBeHidden();
    const review = new PlanReviewDialog(page, lang);
    await review.expectKind('trust.forget');
    await review.run(lang === 'it' ? 'chiave rigenerata, controllata sulla console' : 'key regenerated, checked on the console', `${esxi.address}:${esxi.port}`);
    expect(await core.call('ssh.trust.pins', { host: esxi.address, port: esxi.port })).toEqual({ ok: true, value: [] });
    core.close();
  });
}
