import type { Lang } from '../../core/ghettovcb/text.ts';
import { oneOf } from '../args.ts';

const localeLang = (env: Readonly<Record<string, string | undefined>>): Lang => ((env.LC_ALL || env.LC_MESSAGES || env.LANG || '').startsWith('it') ? 'it' : 'en');

/** `--lang`, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG), else English. */
export function cliLang(flag: string | true | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  return oneOf(flag, ['it', 'en'] as const, '--lang', localeLang(env));
}

/**
 * The run's language before its command parses anything, so that even a usage error speaks it: a valid `--lang`
 * anywhere on the line, else the locale.
 */
export function runLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a?.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'it' || value === 'en') return value;
  }
  return localeLang(env);
}
