/**
 * A host's clock against Custode's (the user's). Free ESXi often runs without NTP: its cron, and so its scheduled
 * runs and their log stamps, follow its own clock. Below this much the difference is not worth a word (nor a
 * correction): well beyond what the reading itself may be off by (a second or so), and close to the minute of slack a
 * run's log is given.
 */
export const CLOCK_OFF_THRESHOLD_MS = 2 * 60_000;

/**
 * What to add to a time on Custode's clock to have it on the host's: the offset once it is worth a word, to the
 * nearest minute (cron's unit). Finer would only show the host's 04:30 as 06:29 for a reading off by a second, and a
 * host's seconds of drift are within the minute of slack a run's log is given anyway. Closer than the threshold,
 * times are taken as they are, as before the clock was read.
 */
export function clockCorrection(offsetMs: number | null | undefined): number {
  if (offsetMs === null || offsetMs === undefined || Math.abs(offsetMs) <= CLOCK_OFF_THRESHOLD_MS) return 0;
  return Math.round(offsetMs / 60_000) * 60_000;
}

/** The i18n key and its params for a host clock worth telling about, or null when it is close enough or unknown. */
export function clockOffWords(offsetMs: number | null | undefined): { key: 'fleet.host.clockAhead' | 'fleet.host.clockBehind'; params: { minutes: number } } | null {
  const off = clockCorrection(offsetMs);
  if (off === 0) return null;
  return { key: off > 0 ? 'fleet.host.clockAhead' : 'fleet.host.clockBehind', params: { minutes: Math.round(Math.abs(off) / 60_000) } };
}
