/** Times, ages and sizes in the reader's language; pure functions of their inputs (now is passed in). */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Building an Intl formatter costs far more than using one: a table of hundreds of rows asks for the same few.
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
export function cachedFormatter<F extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** "3 hours ago", "2 giorni fa": the unit is the largest that keeps the number readable. */
export function ago(lang: string, at: number, now: number): string {
  const rtf = cachedFormatter(`rel:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return rtf.format(0, 'second');
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < 2 * DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  return rtf.format(Math.round(diff / DAY), 'day');
}

export function dateTime(lang: string, at: number): string {
  return cachedFormatter(`dt:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })).format(at);
}

/** A time with its zone ("7 dic 2026, 05:30 CET"), where the card also shows times in another clock. */
export function zonedDateTime(lang: string, at: number): string {
  // dateStyle/timeStyle refuse timeZoneName, so the parts are named one by one.
  return cachedFormatter(`zoned:${lang}`, () => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })).format(at);
}



const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(lang: string, value: number): string {
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  const digits = unit === 0 || n >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n)} ${UNITS[unit]}`;
}
