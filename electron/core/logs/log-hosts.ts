import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../shared/errors/app-error.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts } from '../fleet/esxi-facts.ts';
import { HostStore } from '../fleet/host-store.ts';
import { ProbeStore } from '../fleet/probe-store.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';

/**
 * Whose log is it: the fleet host the user named (by name, address or id), or a guess from the log itself, the
 * hostname a debug-level log prints first, else the fleet host whose inventory holds the VMs the log backed up.
 */
export interface LogHost {
  hostId: string | null;
  hostName: string;
}

interface Candidate {
  id: string;
  name: string;
  address: string;
  hostnames: string[];
  vms: Set<string>;
}

export const UNKNOWN_HOST = 'unknown';

export class LogHosts {
  readonly #hosts: HostStore;
  readonly #probes: ProbeStore;

  constructor(db: DatabaseSync) {
    this.#hosts = new HostStore(db);
    this.#probes = new ProbeStore(db);
  }

  #candidates(): Candidate[] {
    return this.#hosts
      .list()
      .filter((h) => h.role === 'esxi')
      .map((h) => {
        const facts = this.#probes.get<EsxiFacts>(h.id, ESXI_FACTS_SCHEMA).facts;
        const names = facts?.names ? [facts.names.hostName, facts.names.fqdn] : [];
        return { id: h.id, name: h.name, address: h.address, hostnames: names.filter((n) => n !== ''), vms: new Set((facts?.vms ?? []).map((v) => v.inventory.name)) };
      });
  }

  /** The host the user named; a name no fleet host has is kept as given (logs of a machine not in the fleet). */
  chosen(given: string): LogHost {
    const lower = given.toLowerCase();
    const hit = this.#candidates().find((c) => c.id === given || c.name.toLowerCase() === lower || c.address === given || c.hostnames.some((n) => n.toLowerCase() === lower));
    if (hit) return { hostId: hit.id, hostName: hit.name };
    if (given.trim() === '') throw new AppError('logs.hostEmpty', 'The host name is empty: give the host the log belongs to');
    return { hostId: null, hostName: given.trim() };
  }

  guess(runs: readonly LogRun[]): LogHost {
    const candidates = this.#candidates();
    const hostname = runs.find((r) => r.host.hostname !== null)?.host.hostname ?? null;
    if (hostname !== null) {
      const lower = hostname.toLowerCase();
      const hit = candidates.find((c) => c.name.toLowerCase() === lower || c.hostnames.some((n) => n.toLowerCase() === lower || n.toLowerCase().startsWith(`${lower}.`)));
      return hit ? { hostId: hit.id, hostName: hit.name } : { hostId: null, hostName: hostname };
    }
    const vms = new Set(runs.flatMap((r) => r.vms.map((v) => v.name)));
    let best: Candidate | null = null;
    let bestScore = 0;
    for (const c of candidates) {
      let score = 0;
      for (const vm of vms) if (c.vms.has(vm)) score++;
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    return best ? { hostId: best.id, hostName: best.name } : { hostId: null, hostName: UNKNOWN_HOST };
  }
}
