import type { Lang } from '../core/ghettovcb/text.ts';
import { printableParams } from './printable.ts';

/** An i18n catalog as `shared/i18n/*.ts` exports it. */
export interface Catalog {
  readonly it: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
}

export interface CatalogWords {
  /** The text of `code` in `lang`, from the first catalog that has it. */
  template(lang: Lang, code: string): string | undefined;
  /** `code`'s text with its values filled in (made printable: they come from hosts and files); the code if none. */
  words(lang: Lang, code: string, params?: Readonly<Record<string, string | number | boolean>>): string;
}

/**
 * Words from a set of catalogs. A command loads the catalogs it can need: each one costs its start-up time, and
 * the commands that only read a file (`cron explain`, `conf check`) must start in a blink.
 */
export function catalogWords(catalogs: readonly Catalog[]): CatalogWords {
  const template = (lang: Lang, code: string): string | undefined => {
    for (const c of catalogs) {
      const t = c[lang][code];
      if (t !== undefined) return t;
    }
    return undefined;
  };
  return {
    template,
    words(lang, code, params = {}) {
      const safe = printableParams(params);
      return (template(lang, code) ?? code).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(safe[name] ?? '?'));
    },
  };
}
