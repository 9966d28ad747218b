import type { EsxiStatus, FleetView, VmRow } from '../../../../../shared/ipc/fleet.ts';
import type { FleetStore } from '../../store.ts';
import type { RefreshRun } from './initialState.ts';

/** A copy older than this means last night's run did not produce one (daily schedule plus slack). */
export const RECENT_COPY_MS = 36 * 3600_000;

export type Protection = 'protected' | 'atRisk';

/** Protected: a good copy recent enough, and nothing that stops tonight's run from making the next one. */
export function vmProtection(vm: VmRow, now: number): Protection {
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
  runsOk: number;
  runsBad: number;
}

export function summarize(view: FleetView, now: number): FleetSummary {
  const vms = view.esxi.flatMap((h) => h.vms);
  const atRisk = vms.filter((vm) => vmProtection(vm, now) === 'atRisk').length;
  const verdicts = view.esxi.flatMap((h) => (h.lastRun ? [lastRunVerdict(h.lastRun)] : []));
  return {
    hosts: view.esxi.length,
    reachable: view.esxi.filter((h) => h.state === 'ok' || h.state === 'partial').length,
    vms: vms.length,
    protectedVms: vms.length - atRisk,
    atRiskVms: atRisk,
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
