import type { Lang } from './custode-app.ts';

type Catalog = { readonly en: Readonly<Record<string, string>>; readonly it: Readonly<Record<string, string>> };

/** A spec's words read off the catalogs the page uses, with their {{values}} filled in, so a test never restates them. */
export function catalogText<C extends Catalog>(...catalogs: C[]): (lang: Lang, key: keyof C['en'] & string, params?: Record<string, string | number>) => string {
  return (lang, key, params = {}) => {
    const found = catalogs.map((c) => (c[lang] as Record<string, string>)[key]).find((s) => s !== undefined);
    if (found === undefined) throw new Error(`no words for ${key} in ${lang}`);
    return Object.entries(params).reduce<string>((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), found);
  };
}
