import type { EsxiStatus, VmRow } from '../../../../../shared/ipc/fleet.ts';
import { answered, vmProtection, type Protection } from './selectors.ts';

/** One VM in the fleet-wide table: the row core sent, its host, and what the UI derives once per view. */
export interface FleetVm {
  key: string;
  vm: VmRow;
  hostId: string;
  hostName: string;
  /** False: the host did not answer its last check, so this row is what was last known. */
  current: boolean;
  /** When what is shown was true (the host's last good check). */
  knownAt: number | null;
  protection: Protection;
  /** Lower-cased VM name, for the search. */
  needle: string;
}

export type VmSort = 'vm' | 'host' | 'protection' | 'lastGood';
export type ProtectionFilter = Protection | 'all';

export interface VmQuery {
  search: string;
  hostId: string | null;
  protection: ProtectionFilter;
  /** Only VMs at risk, unknown, or with anything that limits tonight's run. */
  problemsOnly: boolean;
  sort: VmSort;
  descending: boolean;
}

export const ALL_VMS: VmQuery = { search: '', hostId: null, protection: 'all', problemsOnly: false, sort: 'protection', descending: false };

export function fleetVms(esxi: readonly EsxiStatus[], now: number): FleetVm[] {
  return esxi.flatMap((h) => {
    const current = answered(h.state);
    return h.vms.map((vm) => ({
      key: `${h.host.id}/${vm.vmid}`,
      vm,
      hostId: h.host.id,
      hostName: h.host.name,
      current,
      knownAt: h.probedAt,
      protection: vmProtection(vm, now, current),
      needle: vm.name.toLowerCase(),
    }));
  });
}

/** Worst first: what needs the reader's attention sorts to the top. */
const PROTECTION_ORDER: Record<Protection, number> = { atRisk: 0, unknown: 1, protected: 2 };

function isProblem(row: FleetVm): boolean {
  return row.protection !== 'protected' || row.vm.blockers.length > 0;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(sort: VmSort): (a: FleetVm, b: FleetVm) => number {
  switch (sort) {
    case 'vm':
      return (a, b) => collator.compare(a.vm.name, b.vm.name);
    case 'host':
      return (a, b) => collator.compare(a.hostName, b.hostName) || collator.compare(a.vm.name, b.vm.name);
    case 'lastGood':
      // Oldest copy (or none) first: the VM longest without a copy is the one to look at.
      return (a, b) => (a.vm.lastGood?.at ?? 0) - (b.vm.lastGood?.at ?? 0) || collator.compare(a.vm.name, b.vm.name);
    case 'protection':
      return (a, b) => PROTECTION_ORDER[a.protection] - PROTECTION_ORDER[b.protection] || collator.compare(a.hostName, b.hostName) || collator.compare(a.vm.name, b.vm.name);
  }
}

/** The rows a query shows, in its order; pure, so the table can time it and the tests can check it. */
export function queryVms(rows: readonly FleetVm[], q: VmQuery): FleetVm[] {
  const needle = q.search.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (q.hostId === null || r.hostId === q.hostId) &&
      (q.protection === 'all' || r.protection === q.protection) &&
      (!q.problemsOnly || isProblem(r)) &&
      (needle === '' || r.needle.includes(needle)),
  );
  out.sort(compare(q.sort));
  if (q.descending) out.reverse();
  return out;
}
