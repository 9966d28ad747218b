import type { Lang } from '../core/ghettovcb/text.ts';

/**
 * Times for people at this computer: in its time zone (TZ, else the system's), with the zone named, e.g.
 * "mar 2 dic 2025, 05:30 CET". Scripts read the ISO times of `--json` instead.
 */
const zoneOf = (env: Readonly<Record<string, string | undefined>>): string | undefined => env.TZ || undefined;

export function localTime(at: Date | number, lang: Lang, env: Readonly<Record<string, string | undefined>>): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zoneOf(env),
  }).format(at);
}

/** The zone's name, e.g. "Europe/Rome". */
export function localZone(env: Readonly<Record<string, string | undefined>>): string {
  return new Intl.DateTimeFormat('en', { timeZone: zoneOf(env) }).resolvedOptions().timeZone;
}
