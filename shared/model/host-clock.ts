/**
 * A host's clock against Custode's (the user's). Free ESXi often runs without NTP: its cron, and so its scheduled
 * runs and their log stamps, follow its own clock. Below this much the difference is not worth a word: it is about
 * what the reading itself may be off by, and less than the minute of slack a run is given.
 */
export const CLOCK_OFF_THRESHOLD_MS = 2 * 60_000;

/** The i18n key and its params for a host clock worth telling about, or null when it is close enough or unknown. */
export function clockOffWords(offsetMs: number | null | undefined): { key: 'fleet.host.clockAhead' | 'fleet.host.clockBehind'; params: { minutes: number } } | null {
  if (offsetMs === null || offsetMs === undefined || Math.abs(offsetMs) <= CLOCK_OFF_THRESHOLD_MS) return null;
  return { key: offsetMs > 0 ? 'fleet.host.clockAhead' : 'fleet.host.clockBehind', params: { minutes: Math.round(Math.abs(offsetMs) / 60_000) } };
}
