import type { Lang } from '../core/ghettovcb/text.ts';

/**
 * Times for people at this computer: in its time zone (TZ, else the system's), with the zone named, e.g.
 * "mar 2 dic 2025, 05:30 CET". Scripts read the ISO times of `--json` instead.
 */
const zoneOf = (env: Readonly<Record<string, string | undefined>>): string | undefined => env.TZ || undefined;

// Building a formatter loads time-zone data, the larger part of a short run's cost: one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, env: Readonly<Record<string, string | undefined>>): Intl.DateTimeFormat {
  const timeZone = zoneOf(env);
  const key = `${lang} ${timeZone ?? ''}`;
  const known = formatters.get(key);
  if (known !== undefined) return known;
  const made = new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
  formatters.set(key, made);
  return made;
}

export function localTime(at: Date | number, lang: Lang, env: Readonly<Record<string, string | undefined>>): string {
  return formatter(lang, env).format(at);
}

/** The zone's name, e.g. "Europe/Rome". */
export function localZone(lang: Lang, env: Readonly<Record<string, string | undefined>>): string {
  return formatter(lang, env).resolvedOptions().timeZone;
}
