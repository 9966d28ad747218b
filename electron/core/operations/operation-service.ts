import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { JobRef } from '../../../shared/ipc/jobs.ts';
import { Confirmation, OperationPlan, REASON_MAX, StepRecord, type OperationResult, type PlanStep } from '../../../shared/model/operation.ts';
import type { AuditStore } from '../audit/audit-store.ts';
import type { JobRegistry, ProgressUpdate } from '../jobs/job-registry.ts';
import type { StepExecutor } from './executor.ts';
import { planHostIds, readEffect, runPlan, undoable } from './runner.ts';
import { undoPlanFor } from './undo-plan.ts';

export interface OperationServiceDeps {
  audit: AuditStore;
  jobs: JobRegistry;
  executor: StepExecutor;
  /** Whether a managed machine still exists (a plan's target may be removed between review and run). */
  hostExists(hostId: string): boolean;
  now?: () => number;
}

/** What a run needs from its caller: a job's context, or a plain call's signal. */
export interface RunSignal {
  signal: AbortSignal;
  progress?(update: ProgressUpdate): void;
}

interface Pending {
  plan: OperationPlan;
  secrets: Readonly<Record<string, string>>;
}

/** Plans waiting for review; a plan runs at most once, so it leaves this list when it starts. */
const KEEP_PENDING = 200;

interface Unknown {
  operationId: string;
  step: PlanStep;
  index: number;
}

/**
 * The one road every change takes: a capability's plan is kept here (with its secrets beside it), shown for
 * review, run as a job once the user gave a reason and confirmed its dangerous steps, and recorded in the trail.
 */
export class OperationService {
  readonly #deps: OperationServiceDeps;
  readonly #now: () => number;
  readonly #pending = new Map<string, Pending>();
  /** Steps whose outcome is unknown, read again when their host is back. */
  readonly #unknown: Unknown[] = [];

  constructor(deps: OperationServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Keeps a plan for review. Secrets stay beside it, in memory, and are cut out of anything the trail records. */
  prepare(plan: OperationPlan, secrets: Readonly<Record<string, string>> = {}): OperationPlan {
    const parsed = OperationPlan.parse(plan);
    this.#pending.set(parsed.id, { plan: parsed, secrets });
    while (this.#pending.size > KEEP_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
    return parsed;
  }

  plan(planId: string): OperationPlan {
    return this.#take(planId, false).plan;
  }

  /** Drops a reviewed plan the user did not run. */
  discard(planId: string): void {
    this.#pending.delete(planId);
  }

  /** Runs a reviewed plan as a job; the job's result is the OperationResult, its failure the first failing step's error. */
  start(planId: string, confirmation: Confirmation, title = 'operations.run'): JobRef {
    const pending = this.#accept(planId, confirmation);
    return this.#deps.jobs.start({
      kind: `operation.${pending.plan.kind}`,
      title: `${title}:${pending.plan.id}`,
      run: async (ctx) => throwUnlessSucceeded(await this.#execute(pending, confirmation.reason.trim(), ctx)),
    });
  }

  /**
   * Runs a reviewed plan in this call rather than as a job (the CLI's `--yes`): the same refusals as `start`, the
   * same run and record.
   */
  async run(planId: string, confirmation: Confirmation, ctx: RunSignal): Promise<OperationResult> {
    const pending = this.#accept(planId, confirmation);
    return this.#execute(pending, confirmation.reason.trim(), ctx);
  }

  /**
   * For IPC calls that run a change without a separate review (`fleet.removeHost`, `ssh.trust.forget`, the backup
   * start): the same refusals, run and record, with the reason they carry. Only `fleet.addHost`, which predates the
   * review path, may still pass none (null), which the trail shows as not given.
   */
  async runNow(plan: OperationPlan, reason: string | null, ctx: RunSignal, secrets: Readonly<Record<string, string>> = {}): Promise<OperationResult> {
    this.prepare(plan, secrets);
    const pending = this.#accept(plan.id, { reason: reason ?? '', confirm: plan.steps.flatMap((s) => (s.danger ? [s.danger.object] : [])) }, reason === null);
    return this.#execute(pending, reason?.trim() ?? null, ctx);
  }

  /** The undo of an operation, as a new plan to review: only the undo steps planned with it. */
  planUndo(operationId: string): OperationPlan {
    const { plan, records } = this.#recorded(operationId);
    if (!undoable(plan, records)) throw new AppError('operations.undoUnavailable', `Operation ${operationId} has nothing that can be undone`, { operationId });
    const chain = this.#deps.audit.verify();
    // The undo's commands are read back from the trail: only from a trail nobody changed.
    if (!chain.intact) throw new AppError('audit.chainBroken', 'The audit trail was changed; its commands are not run again', { seq: chain.firstBad?.seq ?? 0 });
    return this.prepare(undoPlanFor(plan, records, randomUUID(), this.#now()));
  }

  /** How a recorded operation went, from the trail. */
  result(operationId: string): OperationResult {
    const { plan, records, outcome } = this.#recorded(operationId);
    return { operationId, outcome: outcome ?? 'unknown', steps: records, undoAvailable: outcome !== 'succeeded' && undoable(plan, records) };
  }

  /** Reads again whether the steps left `unknown` on this host took effect (called when its connection is back). */
  async recheckHost(hostId: string, signal: AbortSignal): Promise<void> {
    const due = this.#unknown.filter((u) => u.step.target.kind === 'host' && u.step.target.hostId === hostId);
    for (const u of due) {
      this.#unknown.splice(this.#unknown.indexOf(u), 1);
      await this.#recheck(u, signal);
    }
  }

  async #recheck(u: Unknown, signal: AbortSignal): Promise<void> {
    const { plan } = this.#recorded(u.operationId);
    if (!u.step.effect) return;
    const read = await readEffect(u.step.effect, u.step.target, this.#deps.executor, { signal, reason: null, secrets: {} }, this.#now);
    const outcome = read.tookEffect === null ? 'unknown' : read.tookEffect ? 'tookEffect' : 'noEffect';
    if (outcome === 'unknown') this.#unknown.push(u);
    this.#deps.audit.append({
      kind: 'operation.recheck',
      operationId: u.operationId,
      subject: plan.kind,
      title: plan.title,
      target: plan.about,
      hostIds: planHostIds(plan),
      reason: null,
      outcome,
      data: { index: u.index, stepId: u.step.id, commands: [read.command] },
    });
  }

  #take(planId: string, remove: boolean): Pending {
    const pending = this.#pending.get(planId);
    if (!pending) throw new AppError('operations.unknownPlan', `No plan ${planId} is waiting to run (it ran already, or was never made)`, { planId });
    if (remove) this.#pending.delete(planId);
    return pending;
  }

  /** Every refusal happens here, before anything is written or sent. */
  #accept(planId: string, confirmation: Confirmation, reasonOptional = false): Pending {
    const pending = this.#take(planId, false);
    const { reason, confirm } = Confirmation.parse(confirmation);
    const trimmed = reason.trim();
    if (trimmed.length === 0 && !reasonOptional) throw new AppError('operations.reasonRequired', 'Say why this change is made');
    if (trimmed.length > REASON_MAX) throw new AppError('operations.reasonTooLong', `The reason has ${trimmed.length} characters; at most ${REASON_MAX} are kept`, { length: trimmed.length, max: REASON_MAX });
    for (const s of pending.plan.steps) {
      if (s.danger && !confirm.includes(s.danger.object)) throw new AppError('operations.confirmationRequired', `Confirm "${s.danger.object}" by name to run this step`, { object: s.danger.object });
    }
    const gone = planHostIds(pending.plan).filter((id) => !this.#deps.hostExists(id));
    if (gone.length > 0) {
      this.#pending.delete(planId);
      const plan = pending.plan;
      this.#deps.audit.append({ kind: 'operation.refused', operationId: plan.id, subject: plan.kind, title: plan.title, target: plan.about, hostIds: planHostIds(plan), reason: trimmed || null, outcome: 'refused', data: { plan, error: { code: 'operations.targetGone', hostIds: gone } } }, Object.values(pending.secrets));
      throw new AppError('operations.targetGone', 'A machine this plan changes was removed from Custode after the plan was made; make the plan again', { hostIds: gone.join(', ') });
    }
    this.#pending.delete(planId);
    return pending;
  }

  async #execute(pending: Pending, reason: string | null, ctx: RunSignal): Promise<OperationResult> {
    const run = { signal: ctx.signal, reason, secrets: pending.secrets, ...(ctx.progress ? { progress: ctx.progress } : {}) };
    const result = await runPlan(pending.plan, { executor: this.#deps.executor, audit: this.#deps.audit, now: this.#now }, run);
    for (const r of result.steps) {
      const step = pending.plan.steps[r.index];
      if (r.outcome === 'unknown' && step?.effect) this.#unknown.push({ operationId: pending.plan.id, step, index: r.index });
    }
    return result;
  }

  #recorded(operationId: string): { plan: OperationPlan; records: StepRecord[]; outcome: OperationResult['outcome'] | null } {
    const entries = this.#deps.audit.entriesOf(operationId);
    const start = entries.find((e) => e.kind === 'operation.start');
    if (!start) throw new AppError('operations.unknownOperation', `No operation ${operationId} ran`, { operationId });
    const plan = OperationPlan.parse((start.data as { plan: unknown }).plan);
    const records = entries.filter((e) => e.kind === 'operation.step').map((e) => StepRecord.parse(e.data));
    const end = entries.find((e) => e.kind === 'operation.end');
    return { plan, records, outcome: (end?.outcome as OperationResult['outcome'] | undefined) ?? null };
  }
}

/** A job that ran an operation ends as the operation did: failed with its first failing step's error. */
export function throwUnlessSucceeded(result: OperationResult): OperationResult {
  if (result.outcome === 'succeeded') return result;
  const failed = result.steps.find((s) => s.outcome !== 'succeeded');
  const error = failed?.error;
  const details = { ...error?.details, operationId: result.operationId, outcome: result.outcome, undoAvailable: result.undoAvailable, step: failed?.index ?? -1 };
  if (result.outcome === 'cancelled') throw new AppError('job.cancelled', 'Cancelled by the user', details);
  if (result.outcome === 'unknown') throw new AppError('operations.outcomeUnknown', 'The connection was lost during a step; whether it took effect is checked again when the host is back', details);
  throw new AppError(error?.code ?? `operations.${result.outcome}`, error?.message ?? result.outcome, details);
}
