import { messages as cli } from '../../shared/i18n/cli.ts';
import { messages as ghettovcb } from '../../shared/i18n/ghettovcb.ts';
import { catalogWords } from './catalog-words.ts';

/**
 * Words of the commands that check a file and touch no host (`cron explain`, `conf check`): the CLI's own catalog
 * and ghettoVCB's, where every `cli.*`, `ghettovcb.conf.*` and `ghettovcb.cron.*` code is. Not fleet-words.ts:
 * loading every catalog would add a quarter of their start-up time.
 */
export const { words } = catalogWords([cli, ghettovcb]);
