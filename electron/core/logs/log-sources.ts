import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { adopt, type KnownNas } from '../fleet/adoption.ts';
import { logLocation, scheduledRuns } from '../fleet/cron-invocation.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';

/**
 * Where a host's ghettoVCB logs are, from its last probe: the folders its cron lines write logs to (and the folder
 * of the newest log the probe read). When a folder lies on an NFS datastore exported by a NAS in the fleet, the
 * same folder is also named on the NAS (share path + the rest), which is where the harvest reads it first.
 */
export interface LogFolder {
  /** The folder as the host names it; catalogue entries are keyed by paths under it whichever side served them. */
  hostDir: string;
  matches(name: string): boolean;
  nas: { entry: HostEntry; dir: string } | null;
}

export function logFolders(host: HostEntry, facts: EsxiFacts, known: readonly KnownNas[]): LogFolder[] {
  const found = new Map<string, Array<(name: string) => boolean>>();
  const add = (path: string | null): void => {
    const location = path === null ? null : logLocation(path);
    if (location === null) return;
    const dir = location.dir.replace(/\/+$/, '');
    found.set(dir, [...(found.get(dir) ?? []), location.matches]);
  };
  for (const run of scheduledRuns(facts.crontab ?? '')) add(run.invocation.logFile ?? run.invocation.stdoutTarget);
  add(facts.lastLog?.path ?? null);
  return [...found].map(([hostDir, matchers]) => ({ hostDir, matches: (name) => matchers.some((m) => m(name)), nas: onNas(host, facts, hostDir, known) }));
}

function onNas(host: HostEntry, facts: EsxiFacts, hostDir: string, known: readonly KnownNas[]): LogFolder['nas'] {
  const split = splitVolumePath(hostDir);
  if (split === null) return null;
  const mount = facts.mounts.find((m) => m.volumeName === split.volume);
  if (mount === undefined) return null;
  const nas = adopt(host, facts, hostDir, known).nas;
  if (nas === null) return null;
  const share = mount.share.replace(/\/+$/, '');
  return { entry: nas.entry, dir: split.rest === '' ? share : `${share}/${split.rest}` };
}
