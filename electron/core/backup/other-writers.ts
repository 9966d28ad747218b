import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import type { EsxiDetail } from '../fleet/fleet-service.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import type { OtherWriter } from './preflight.ts';
import { runSetup } from './run-setup.ts';

/**
 * The NFS export a host's copies go to (server and path), from its backup volume's datastore. Two hosts whose
 * exports match write into the same share, whatever they call the datastore.
 */
function exportOf(facts: EsxiFacts): { share: string; servers: string[] } | null {
  const volume = runSetup(facts)?.volume ?? null;
  const split = volume === null ? null : splitVolumePath(volume);
  if (split === null) return null;
  const fs = facts.filesystems.find((f) => f.uuid === split.volume || f.volumeName === split.volume);
  const name = fs?.volumeName ?? split.volume;
  const mount = facts.mounts.find((m) => m.volumeName === name);
  return mount ? { share: mount.share.replace(/\/+$/, ''), servers: mount.hosts.map((h) => h.toLowerCase()) } : null;
}

/** The other ESXi hosts of the fleet that write into the same NAS share as this one (from their last check). */
export function otherWriters(mine: EsxiDetail, all: readonly EsxiDetail[]): OtherWriter[] {
  const target = mine.facts === null ? null : exportOf(mine.facts);
  if (target === null) return [];
  const myNext = mine.status.schedules[0]?.nextRun ?? null;
  return all.flatMap((d) => {
    if (d.status.host.id === mine.status.host.id || d.facts === null) return [];
    const theirs = exportOf(d.facts);
    if (theirs === null || theirs.share !== target.share || !theirs.servers.some((s) => target.servers.includes(s))) return [];
    const next = d.status.schedules[0]?.nextRun ?? null;
    return [{ host: d.status.host.name, running: d.status.lock === 'running', sameTime: myNext !== null && next === myNext }];
  });
}
