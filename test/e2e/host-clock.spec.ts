import { expect, test } from '@playwright/test';
import { messages as clockWords } from '../../shared/i18n/host-clock.ts';
import { skipWithoutLab, useLab } from './fixtures/lab.ts';
import { backupsShot } from './pages/backups-section.ts';
import { CustodeApp } from './pages/custode-app.ts';
import { addNasAndHost } from './pages/lab-hosts.ts';

/**
 * A host whose clock is 3 h ahead (free ESXi without NTP; `lab clock set`) in browser mode on the small lab: its
 * missed 04:30 run is named at the true moment and the alert says how far off the host's clock is, in Italian and
 * English. The lab has no history, so the run is missed whatever the hour.
 */
test.describe.configure({ mode: 'serial' });
// ESXi's cron is UTC; the page shows times in the browser's zone, UTC here so the names below read as the host's.
test.use({ timezoneId: 'UTC' });

const lab = useLab({ topology: 'small', stateDir: '/var/tmp/custode-lab-host-clock-e2e', seedHistory: false });
const HOST = 'esxi-08';

test('esxi-08 with its clock 3 h ahead: the missed-run alert says so, in both languages', async ({ page }) => {
  skipWithoutLab('host clock e2e');
  test.setTimeout(180_000);
  await lab().setClock(HOST, '+3h');
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('fleet');
  await addNasAndHost(page, lab(), HOST);

  await app.goto('backups');
  const missed = page.locator(`[data-testid="missed-run"][data-host="${HOST}"]`);
  await expect(missed).toBeVisible({ timeout: 30_000 });
  const clock = missed.getByTestId('host-clock-off');
  await expect(clock).toHaveText(clockWords.en['fleet.host.clockAhead'].replace('{{minutes}}', '180'));
  // The host reached its 04:30 three hours before Custode's clock did: the alert names 01:30.
  await expect(missed).toContainText(/\b0?1:30\b/);
  await backupsShot(page, 'en-host-clock');
  await app.setLanguage('it');
  await expect(clock).toHaveText(clockWords.it['fleet.host.clockAhead'].replace('{{minutes}}', '180'));
  await backupsShot(page, 'it-host-clock');
});
