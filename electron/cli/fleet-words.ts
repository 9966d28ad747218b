import { messages as app } from '../../shared/i18n/app.ts';
import { messages as backup } from '../../shared/i18n/backup.ts';
import { messages as backupCancel } from '../../shared/i18n/backup-cancel.ts';
import { messages as backupCancelled } from '../../shared/i18n/backup-cancelled.ts';
import { messages as backupConsolidate } from '../../shared/i18n/backup-consolidate.ts';
import { messages as backupVerify } from '../../shared/i18n/backup-verify.ts';
import { messages as backupLive } from '../../shared/i18n/backup-live.ts';
import { messages as backupShareFull } from '../../shared/i18n/backup-share-full.ts';
import { messages as backupsUi } from '../../shared/i18n/backups-ui.ts';
import { messages as cli } from '../../shared/i18n/cli.ts';
import { messages as cliPassword } from '../../shared/i18n/cli-password.ts';
import { messages as esxi } from '../../shared/i18n/esxi.ts';
import { messages as fleet } from '../../shared/i18n/fleet.ts';
import { messages as ghettovcb } from '../../shared/i18n/ghettovcb.ts';
import { messages as hostClock } from '../../shared/i18n/host-clock.ts';
import { messages as logs } from '../../shared/i18n/logs.ts';
import { messages as operations } from '../../shared/i18n/operations.ts';
import { messages as planCli } from '../../shared/i18n/plan-cli.ts';
import { messages as removeForgetCli } from '../../shared/i18n/remove-forget-cli.ts';
import { messages as setup } from '../../shared/i18n/setup.ts';
import { messages as setupDays } from '../../shared/i18n/setup-days.ts';
import { messages as ssh } from '../../shared/i18n/ssh.ts';
import { messages as restore } from '../../shared/i18n/restore.ts';
import { messages as restorePower } from '../../shared/i18n/restore-power.ts';
import { messages as restoreAccess } from '../../shared/i18n/restore-access.ts';
import { messages as restoreAccessOpen } from '../../shared/i18n/restore-access-open.ts';
import { messages as drill } from '../../shared/i18n/drill.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import { catalogWords } from './catalog-words.ts';

/**
 * Finding and error texts for the terminal, from the same catalogs the app uses: a fleet view carries codes from
 * several domains (fleet, esxi/nas checks, ghettoVCB conf and cron issues, SSH errors, operations and their plans). Values filled in come from
 * hosts and files, so they are made printable first.
 */
const catalogs = [cli, cliPassword, planCli, removeForgetCli, fleet, hostClock, esxi, ghettovcb, ssh, operations, app, backup, backupCancel, backupCancelled, backupConsolidate, backupVerify, backupLive, backupShareFull, backupsUi, logs, restore, restorePower, restoreAccess, restoreAccessOpen, setup, setupDays, drill] as const;

const { template, words } = catalogWords(catalogs);
export { words };

/**
 * An error in the user's language: its code's text, else the catalog's generic words with the code, never bare
 * English; then what to do, when the error carries a CLI hint (`details.hint`, a `cli.hint.*` key).
 */
export function errorWords(lang: Lang, error: { code: string; message: string; details?: Record<string, unknown> }): string {
  const params = Object.fromEntries(Object.entries(error.details ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean>;
  const said = template(lang, `error.${error.code}`) !== undefined
    ? words(lang, `error.${error.code}`, params)
    : words(lang, 'cli.error.internal', { code: error.code, message: error.message.split('\n')[0] ?? '' });
  const hint = error.details?.hint;
  return typeof hint === 'string' && hint.startsWith('cli.hint.') && template(lang, hint) !== undefined ? `${said} ${words(lang, hint, params)}` : said;
}
