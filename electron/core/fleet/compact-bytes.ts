/**
 * A size for a finding's text, the same in Italian and English: the largest binary unit that still leaves at least
 * 10 of it, rounded, so no decimal separator (a comma in Italian) is ever needed. The exact number travels beside it.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function compactBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (unit < UNITS.length - 1 && value / 1024 >= 10) {
    value /= 1024;
    unit++;
  }
  return `${Math.round(value)} ${UNITS[unit]}`;
}
