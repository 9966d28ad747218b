import type { Lang } from '../../core/ghettovcb/text.ts';
import { oneOf } from '../args.ts';

/** `--lang`, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG), else English. */
export function cliLang(flag: string | true | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return oneOf(flag, ['it', 'en'] as const, '--lang', locale.startsWith('it') ? 'it' : 'en');
}
