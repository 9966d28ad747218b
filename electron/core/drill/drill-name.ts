/** The drill's temporary VM name: `<vm>-drill-<yyyymmdd-hhmm>` (UTC), checked free like any restore's name. */
export function drillName(vm: string, at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${vm}-drill-${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}
