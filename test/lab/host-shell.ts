// The ESXi hosts' /bin/busybox (their shell): this machine's busybox with its `date` applet renamed. Debian's
// busybox-static runs its own applets before anything in PATH (FEATURE_SH_STANDALONE), so no `date` placed in PATH
// could show a host its own clock (a host without NTP, `lab clock set`): with the name gone from the shell's applet
// table, `date` is looked up in PATH and finds the lab's (esxi/clock-bin/date), which asks an untouched copy. Only
// the copy in the host's /usr layer changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error.ts';

/** Same length, and sorts between `date`'s neighbours, so the table's binary search stays right for every other name. */
const RENAMED = 'dat~';

/**
 * Writes the copy at `to` from the busybox at `from`, whose applets are `applets` (`busybox --list`, in its table's
 * order). Refuses a binary whose table it cannot find once, rather than patch a wrong place.
 */
export function writeHostShell(from: string, to: string, applets: readonly string[]): void {
  const sorted = [...applets].sort();
  const at = sorted.indexOf('date');
  if (at <= 0 || at === sorted.length - 1) throw new AppError('lab.busyboxNoDate', `${from} has no date applet between others`, { busybox: from });
  const needle = Buffer.from(`\0${sorted[at - 1]}\0date\0${sorted[at + 1]}\0`);
  const binary = readFileSync(from);
  const first = binary.indexOf(needle);
  if (first < 0 || binary.indexOf(needle, first + 1) >= 0) {
    throw new AppError('lab.busyboxTable', `The applet table of ${from} was not found exactly once: the lab cannot give its hosts their own clocks`, { busybox: from });
  }
  binary.write(RENAMED, first + 2 + sorted[at - 1]!.length, 'latin1');
  writeFileSync(to, binary, { mode: 0o755 });
}
