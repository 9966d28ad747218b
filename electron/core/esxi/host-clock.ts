import { cmd, type ShellCommand } from '../shell/command.ts';
import { unexpectedOutput } from './output.ts';

/**
 * The host's own clock, which its cron and ghettoVCB's log stamps follow. Schools run free ESXi, often without NTP,
 * so it may be minutes or hours off Custode's. Busybox `date` has no sub-second field: whole seconds.
 */
export interface HostClock {
  /** The host's clock minus Custode's: positive when the host is ahead. */
  offsetMs: number;
  /** How far the true offset may be from `offsetMs`, either way. */
  precisionMs: number;
}

export const hostClockCommand = (): ShellCommand => cmd('date', '+%s');

export function parseHostClock(text: string): number {
  const m = /^\s*(\d{9,12})\s*$/.exec(text);
  if (m === null) throw unexpectedOutput('date +%s', text, 'no epoch seconds');
  return Number(m[1]) * 1000;
}

/**
 * The offset from Custode's clock to the host's, from a reading taken between `sentAt` and `receivedAt` (Custode's
 * clock around the command's batch): the host's second is taken at its middle, and compared with the middle of the
 * round trip. Off by at most half the round trip plus half a second.
 */
export function hostClock(hostMs: number, sentAt: number, receivedAt: number): HostClock {
  const half = Math.max(0, receivedAt - sentAt) / 2;
  return { offsetMs: Math.round(hostMs + 500 - (sentAt + half)), precisionMs: Math.round(half + 500) };
}
