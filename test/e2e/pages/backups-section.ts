import type { Page } from '@playwright/test';
import { messages as uiWords } from '../../../shared/i18n/backups-ui.ts';
import { messages as ui2Words } from '../../../shared/i18n/backups-ui2.ts';
import { messages as cancelledWords } from '../../../shared/i18n/backup-cancelled.ts';
import { messages as timesWords } from '../../../shared/i18n/backups-run-times.ts';
import type { Lab } from '../../lab/api.ts';
import { CustodeApp, type Lang } from './custode-app.ts';
import { addNasAndHost } from './lab-hosts.ts';

type Words = typeof uiWords.en & typeof ui2Words.en & typeof cancelledWords.en & typeof timesWords.en;

/** A Backups section text from its catalogs, filled with its parameters. */
export const backupsText = (lang: Lang, key: keyof Words, params: Record<string, string | number> = {}): string =>
  Object.entries(params).reduce<string>((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), ({ ...uiWords[lang], ...ui2Words[lang], ...cancelledWords[lang], ...timesWords[lang] } as Words)[key]);

/** A Backups section text with its parameters left open: what the user sees, whatever values the run gives. */
export const backupsPattern = (lang: Lang, key: keyof Words): RegExp =>
  new RegExp(backupsText(lang, key).split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+'));

export const backupsShot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/backups-${name}.png`, fullPage: true });

/**
 * The app in browser mode, in English, with the lab's NAS (the pre-flight weighs the share's free space against the
 * copies) and one ESXi host added through the UI, that host's disk copies slowed to about 15 s each (Clone: N% every
 * 150 ms): long enough to watch the bars move, or to cancel in the middle of one.
 */
export async function appWithSlowHost(page: Page, lab: Lab, host: string): Promise<CustodeApp> {
  const app = new CustodeApp(page);
  await app.openInBrowser();
  await app.setLanguage('en');
  await app.goto('fleet');
  await addNasAndHost(page, lab, host);
  await lab.fault(host, 'slow-clone', 'on');
  return app;
}
