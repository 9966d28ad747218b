import { messages as ghettovcb } from '../../../shared/i18n/ghettovcb.ts';
import { messages as logCli } from '../../../shared/i18n/log-cli.ts';
import { messages as logs } from '../../../shared/i18n/logs.ts';
import { messages as logsCli } from '../../../shared/i18n/logs-cli.ts';

/**
 * Words for core code that must produce text itself (the CLI, the cron describer): the same catalogs and
 * `{{name}}` interpolation the renderer's i18next uses, without pulling i18next into the core.
 */
export type Lang = 'en' | 'it';

const messages: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: { ...ghettovcb.en, ...logCli.en, ...logs.en, ...logsCli.en },
  it: { ...ghettovcb.it, ...logCli.it, ...logs.it, ...logsCli.it },
};

export function text(lang: Lang, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(messages[lang][key] ?? messages.en[key] ?? key, params);
}

/** A catalog template with its `{{name}}` values filled in, as i18next does (a value not given stays as written). */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

/** "a, b and c" / "a, b e c". */
export function joinList(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${text(lang, 'ghettovcb.word.and')} ${items[items.length - 1]}`;
}
