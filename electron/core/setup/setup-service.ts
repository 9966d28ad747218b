import { AppError } from '../../../shared/errors/app-error.ts';
import type { JobRef } from '../../../shared/ipc/jobs.ts';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import { hostsNamed } from '../fleet/named-host.ts';
import type { OperationService, RunSignal } from '../operations/operation-service.ts';
import { dryRunCommand, parseDryRun, type DryRunResult } from './dry-run.ts';
import { exclusionNames } from './exclusions.ts';
import { planRemove } from './plan-remove.ts';
import { planSetup, type SetupPlanResult } from './plan-setup.ts';
import type { SetupRequest } from './request.ts';
import { readSetupState, type SetupReadDeps } from './setup-state.ts';
import type { SetupUploads } from './uploads.ts';

export interface SetupDeps extends SetupReadDeps {
  operations: OperationService;
  uploads: SetupUploads;
  now?: () => number;
}

/**
 * A host's setup from nothing (or an adopted host's edit): read both machines, plan every page, keep the plan for
 * review in the operation service, run it there with the user's reason (audit trail, checks re-read right before
 * each step). Planning again after a run finds every page already done: zero changes, no plan.
 */
export class SetupService {
  readonly #deps: SetupDeps;

  constructor(deps: SetupDeps) {
    this.#deps = deps;
  }

  #now(): number {
    return (this.#deps.now ?? Date.now)();
  }

  /** The ESXi host or NAS a user named, by id, name or address[:port]. */
  find(text: string, role: 'esxi' | 'nas'): string {
    const found = hostsNamed(this.#deps.fleet.hosts.list(), text).filter((h) => h.role === role);
    if (found.length === 1) return found[0]!.id;
    const add = role === 'esxi' ? 'fleet add-host' : 'fleet add-nas';
    if (found.length === 0) throw new AppError('setup.unknownMachine', `No ${role === 'esxi' ? 'ESXi host' : 'NAS'} ${text} in Custode; add it with "custode ${add}"`, { host: text });
    throw new AppError('setup.ambiguousMachine', `${text} names ${found.length} machines; give its address and port`, { host: text });
  }

  async plan(request: SetupRequest, signal: AbortSignal): Promise<SetupPlanResult> {
    const state = await readSetupState(this.#deps, request.hostId, request.nasId, signal);
    const result = planSetup(state, request, this.#deps.uploads, this.#now());
    if (result.plan !== null) this.#deps.operations.prepare(result.plan);
    return result;
  }

  async planRemoval(hostId: string, nasId: string, signal: AbortSignal): Promise<OperationPlan | null> {
    const state = await readSetupState(this.#deps, hostId, nasId, signal);
    const plan = planRemove(state, this.#deps.uploads, this.#now());
    return plan === null ? null : this.#deps.operations.prepare(plan);
  }

  /** Runs a reviewed plan in this call (the CLI's `--yes`). */
  run(planId: string, reason: string, ctx: RunSignal): Promise<OperationResult> {
    return this.#deps.operations.run(planId, { reason, confirm: [] }, ctx);
  }

  /** Runs a reviewed plan as a job (the app). */
  start(planId: string, reason: string): JobRef {
    return this.#deps.operations.start(planId, { reason, confirm: [] }, 'setup.apply');
  }

  async dryRun(hostId: string, nasId: string, signal: AbortSignal): Promise<DryRunResult> {
    const state = await readSetupState(this.#deps, hostId, nasId, signal);
    if (state.script.sha256 === null || state.conf.text === null) throw new AppError('setup.notSetUp', `${state.host.name} has no ghettoVCB and conf yet; apply the setup first`, { host: state.host.name });
    // The file's names that are VMs of the host: a name kept for a VM not made yet excludes nothing today.
    const excluded = exclusionNames(state.exclusion.text).filter((n) => state.esxi.vms.some((v) => v.inventory.name === n));
    const r = await this.#deps.ssh.run(hostId, dryRunCommand(state.script.path, state.conf.path, state.exclusion.text === null ? null : state.exclusion.path), { signal });
    return parseDryRun(r.stdout, excluded);
  }
}
