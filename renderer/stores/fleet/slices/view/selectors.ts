import type { EsxiStatus, FleetView, VmRow } from '../../../../../shared/ipc/fleet.ts';
import type { FleetStore } from '../../store.ts';
import type { RefreshRun } from './initialState.ts';

/** A copy older than this means last night's run did not produce one (daily schedule plus slack). */
export const RECENT_COPY_MS = 36 * 3600_000;

export type Protection = 'protected' | 'atRisk' | 'unknown';

/** Whether a machine answered its last check: what it reported is current only then. */
export function answered(state: string): boolean {
  return state === 'ok' || state === 'partial';
}

/**
 * Protected: a good copy recent enough, and nothing that stops tonight's run from making the next one. A VM of a
 * host that did not answer its last check is unknown: what is shown of it is only what was last known.
 */
export function vmProtection(vm: VmRow, now: number, hostAnswered = true): Protection {
  if (!hostAnswered) return 'unknown';
  const recent = vm.lastGood !== null && now - vm.lastGood.at <= RECENT_COPY_MS;
  const blocked = vm.blockers.some((b) => b.severity === 'error');
  return recent && !blocked ? 'protected' : 'atRisk';
}

export type LastRunVerdict = 'ok' | 'problems' | 'aborted' | 'failed';

export function lastRunVerdict(run: NonNullable<EsxiStatus['lastRun']>): LastRunVerdict {
  if (run.aborted) return 'aborted';
  if (run.exitCode !== null && run.exitCode !== 0 && run.vmsOk === 0) return 'failed';
  return run.vmsProblem > 0 || (run.exitCode !== null && run.exitCode !== 0) ? 'problems' : 'ok';
}

export interface FleetSummary {
  hosts: number;
  reachable: number;
  vms: number;
  protectedVms: number;
  atRiskVms: number;
  /** VMs of hosts that did not answer their last check. */
  unknownVms: number;
  /** Hosts that did not answer their last check (checked at least once), by id and name. */
  down: { id: string; name: string; probedAt: number | null }[];
  runsOk: number;
  runsBad: number;
}

export function summarize(view: FleetView, now: number): FleetSummary {
  const protection = view.esxi.flatMap((h) => h.vms.map((vm) => vmProtection(vm, now, answered(h.state))));
  const verdicts = view.esxi.flatMap((h) => (h.lastRun && answered(h.state) ? [lastRunVerdict(h.lastRun)] : []));
  return {
    hosts: view.esxi.length,
    reachable: view.esxi.filter((h) => answered(h.state)).length,
    vms: protection.length,
    protectedVms: protection.filter((p) => p === 'protected').length,
    atRiskVms: protection.filter((p) => p === 'atRisk').length,
    unknownVms: protection.filter((p) => p === 'unknown').length,
    down: [...view.esxi, ...view.nas]
      .filter((m) => m.state === 'unreachable' || m.state === 'failed')
      .map((m) => ({ id: m.host.id, name: m.host.name, probedAt: m.probedAt })),
    runsOk: verdicts.filter((v) => v === 'ok').length,
    runsBad: verdicts.filter((v) => v !== 'ok').length,
  };
}

const EMPTY: never[] = [];

export const viewSelectors = {
  esxi: (s: FleetStore): EsxiStatus[] => s.view?.esxi ?? EMPTY,
  nas: (s: FleetStore): FleetView['nas'] => s.view?.nas ?? EMPTY,
  loaded: (s: FleetStore): boolean => s.view !== null,
  empty: (s: FleetStore): boolean => s.view !== null && s.view.esxi.length === 0 && s.view.nas.length === 0,
};

/** Whether the running refresh still awaits this host's probe. */
export function isChecking(run: RefreshRun | null, hostId: string): boolean {
  return run !== null && (run.hostIds === null || run.hostIds.includes(hostId)) && !run.updated.includes(hostId);
}
