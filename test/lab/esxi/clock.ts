// Host time: LAB_NOW (epoch seconds, set by seedHistory to replay past nights) or the real clock plus the host's
// offset. ESXi runs on UTC, so every rendering below uses UTC fields.
import { labEnv } from '../sim/io.ts';

export function nowSeconds(clockOffset = 0): number {
  const forced = labEnv('LAB_NOW');
  if (forced !== undefined && forced !== '') return Number(forced);
  return Math.floor(Date.now() / 1000) + clockOffset;
}

/** `M/D/YYYY H:M:S` without zero padding, as snapshot.get prints it. */
export function snapshotDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}`;
}

export function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}
