import { messages as esxi } from '../../shared/i18n/esxi.ts';
import { messages as fleet } from '../../shared/i18n/fleet.ts';
import { messages as ghettovcb } from '../../shared/i18n/ghettovcb.ts';
import { messages as ssh } from '../../shared/i18n/ssh.ts';
import type { Lang } from '../core/ghettovcb/text.ts';

/**
 * Finding and error texts for the terminal, from the same catalogs the app uses: a fleet view carries codes from
 * several domains (fleet, esxi/nas checks, ghettoVCB conf and cron issues, SSH errors).
 */
const catalogs = [fleet, esxi, ghettovcb, ssh] as const;

export function words(lang: Lang, code: string, params: Readonly<Record<string, string | number | boolean>> = {}): string {
  let template: string | undefined;
  for (const c of catalogs) template ??= (c[lang] as Readonly<Record<string, string>>)[code];
  for (const c of catalogs) template ??= (c.en as Readonly<Record<string, string>>)[code];
  return (template ?? code).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

export function errorWords(lang: Lang, error: { code: string; message: string; details?: Record<string, unknown> }): string {
  const params = Object.fromEntries(Object.entries(error.details ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean>;
  const text = words(lang, `error.${error.code}`, params);
  return text === `error.${error.code}` ? error.message : text;
}
