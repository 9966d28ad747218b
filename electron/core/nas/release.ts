import { z } from 'zod';
import type { Nas, NasRelease } from '../../../shared/model/nas.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';
import type { ShellCommand } from '../shell/command.ts';

/**
 * `system.info`: the release string picks the API dialect (B2–B5). CORE is 13.x (`TrueNAS-13.0-U6.2`, older
 * `FreeNAS-11.3-U5`); SCALE is 22.12 onwards (`TrueNAS-SCALE-24.10.2.2`, from 25.04 plain `TrueNAS-25.04.2.4`).
 */
export const systemInfoCommand = (): ShellCommand => midcltCommand('system.info');

const SystemInfo = z.object({
  version: z.string(),
  hostname: z.string(),
  uptime_seconds: z.number().nullish(),
  timezone: z.string().nullish(),
});

export function parseRelease(text: string): NasRelease {
  const m = /^(?:TrueNAS|FreeNAS)-(?:(SCALE|CORE)-)?(\d+)\.(\d+)/i.exec(text.trim());
  if (m === null) return { flavour: /SCALE/i.test(text) ? 'SCALE' : 'CORE', text, major: null, minor: null };
  const major = Number(m[2]);
  const flavour = m[1] !== undefined ? (m[1].toUpperCase() as 'SCALE' | 'CORE') : major <= 13 ? 'CORE' : 'SCALE';
  return { flavour, text, major, minor: Number(m[3]) };
}

export function parseSystemInfo(stdout: string, address: string): Nas {
  const info = parseMidclt('system.info', stdout, SystemInfo);
  return {
    address,
    hostname: info.hostname,
    release: parseRelease(info.version),
    uptimeSeconds: info.uptime_seconds ?? null,
    timezone: info.timezone ?? null,
  };
}

function atLeast(r: NasRelease, major: number, minor: number): boolean {
  if (r.major === null || r.minor === null) return r.flavour === 'SCALE';
  return r.major > major || (r.major === major && r.minor >= minor);
}

/** The API differences Custode's probe must follow. */
export interface NasDialect {
  /** CORE shares carry `paths` (list) + `alldirs`; SCALE a single `path`. */
  sharePathList: boolean;
  /** NFS protocols as a list (`protocols`) from 23.10, a `v4` boolean before. */
  nfsProtocolList: boolean;
  /** Ad-hoc snapshot namespace: `zfs.snapshot` up to 25.04, `pool.snapshot` from 25.10. */
  snapshotNamespace: 'zfs.snapshot' | 'pool.snapshot';
  /** The `properties` extra of pool.dataset.query (24.10+) trims the payload. */
  datasetPropertiesExtra: boolean;
  /** The group that maps root to uid/gid 0 on this OS. */
  rootGroup: 'root' | 'wheel';
}

export function dialectOf(release: NasRelease): NasDialect {
  const core = release.flavour === 'CORE';
  return {
    sharePathList: core,
    nfsProtocolList: !core && atLeast(release, 23, 10),
    snapshotNamespace: !core && atLeast(release, 25, 10) ? 'pool.snapshot' : 'zfs.snapshot',
    datasetPropertiesExtra: !core && atLeast(release, 24, 10),
    rootGroup: core ? 'wheel' : 'root',
  };
}
