import { messages } from '../../../shared/i18n/ghettovcb.ts';

/**
 * Words for core code that must produce text itself (the CLI, the cron describer): the same catalog and
 * `{{name}}` interpolation the renderer's i18next uses, without pulling i18next into the core.
 */
export type Lang = 'en' | 'it';

export function text(lang: Lang, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const catalog: Readonly<Record<string, string>> = messages[lang];
  const template = catalog[key] ?? (messages.en as Readonly<Record<string, string>>)[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

/** "a, b and c" / "a, b e c". */
export function joinList(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${text(lang, 'ghettovcb.word.and')} ${items[items.length - 1]}`;
}
