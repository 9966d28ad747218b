import { AppError, toErrorData, type ErrorData } from '../../../shared/errors/app-error.ts';
import type { Check, OperationOutcome, OperationPlan, OperationResult, PlanStep, SentCommand, StepAction, StepOutcome, StepRecord, StepTarget } from '../../../shared/model/operation.ts';
import type { AuditStore } from '../audit/audit-store.ts';
import { redactText } from '../audit/redact.ts';
import type { ProgressUpdate } from '../jobs/job-registry.ts';
import type { StepExecutor } from './executor.ts';

/** The trail keeps the first lines of what a command printed, enough to see why it failed. */
const OUTPUT_LINES = 20;
const OUTPUT_CHARS = 4000;
/** Errors after which a command may or may not have run on the host. */
const OUTCOME_UNKNOWN = new Set(['ssh.disconnected', 'ssh.timeout']);

export interface RunDeps {
  executor: StepExecutor;
  audit: AuditStore;
  now?: () => number;
}

export interface RunContext {
  signal: AbortSignal;
  progress?(update: ProgressUpdate): void;
  reason: string | null;
  secrets: Readonly<Record<string, string>>;
}

export function firstLines(text: string): string {
  const lines = text.split('\n');
  const kept = lines.slice(0, OUTPUT_LINES).join('\n');
  return (kept.length > OUTPUT_CHARS ? kept.slice(0, OUTPUT_CHARS) : kept).replace(/\n$/, '');
}

export const planHostIds = (plan: OperationPlan): string[] => [...new Set(plan.steps.flatMap((s) => (s.target.kind === 'host' ? [s.target.hostId] : [])))];

/**
 * Runs a plan's steps in order and records each one as it ends: re-checks a step's conditions right before it,
 * sends its actions, stops at the first step that does not succeed. A step whose connection was lost is
 * `unknown`, never done or failed.
 */
export async function runPlan(plan: OperationPlan, deps: RunDeps, ctx: RunContext): Promise<OperationResult> {
  const now = deps.now ?? Date.now;
  const secretValues = Object.values(ctx.secrets);
  const common = { operationId: plan.id, subject: plan.kind, title: plan.title, target: plan.about, hostIds: planHostIds(plan), reason: ctx.reason };
  deps.audit.append({ ...common, kind: 'operation.start', outcome: null, data: { plan } }, secretValues);
  const records: StepRecord[] = [];
  for (const [index, step] of plan.steps.entries()) {
    if (ctx.signal.aborted) break;
    ctx.progress?.({ fraction: index / plan.steps.length, stepKey: step.words.key, stepParams: step.words.params });
    const record = await runStep(step, index, deps.executor, ctx, now);
    records.push(record);
    deps.audit.append({ ...common, kind: 'operation.step', outcome: record.outcome, data: record }, secretValues);
    if (record.outcome !== 'succeeded') break;
  }
  const outcome: OperationOutcome = ctx.signal.aborted && records.every((r) => r.outcome === 'succeeded') ? 'cancelled' : (records.find((r) => r.outcome !== 'succeeded')?.outcome ?? 'succeeded');
  const result: OperationResult = { operationId: plan.id, outcome, steps: records, undoAvailable: outcome !== 'succeeded' && undoable(plan, records) };
  deps.audit.append({ ...common, kind: 'operation.end', outcome, data: { undoAvailable: result.undoAvailable, stepsRun: records.length, stepsPlanned: plan.steps.length } }, secretValues);
  return result;
}

/** Whether every step that ran, or may have, has a planned undo (and at least one did). */
export function undoable(plan: OperationPlan, records: readonly StepRecord[]): boolean {
  const touched = records.filter((r) => r.outcome === 'succeeded' || r.outcome === 'unknown');
  return touched.length > 0 && touched.every((r) => plan.steps[r.index]?.undo !== null);
}

async function runStep(step: PlanStep, index: number, executor: StepExecutor, ctx: RunContext, now: () => number): Promise<StepRecord> {
  const commands: SentCommand[] = [];
  const record = (outcome: StepOutcome, error: unknown = null): StepRecord => ({
    index,
    stepId: step.id,
    outcome,
    commands,
    error: error === null ? null : pickError(error),
  });
  for (const c of step.checks) {
    const sent = await send(executor, step.target, c.action, 'check', ctx, now);
    commands.push(sent);
    if (ctx.signal.aborted) return record('cancelled', ctx.signal.reason);
    if (sent.exitCode !== 0) {
      const error = sent.error ?? new AppError('operations.checkFailed', `A condition no longer holds: ${c.words.key}`, { check: c.words.key, ...c.words.params });
      return record('refused', error);
    }
  }
  for (const action of step.actions) {
    const sent = await send(executor, step.target, action, 'run', ctx, now);
    commands.push(sent);
    if (ctx.signal.aborted) return record('cancelled', ctx.signal.reason);
    if (sent.error && OUTCOME_UNKNOWN.has(sent.error.code)) return record('unknown', sent.error);
    if (sent.error) return record('failed', sent.error);
    if (sent.exitCode !== 0) return record('failed', new AppError('operations.commandFailed', `The command exited with ${sent.exitCode}`, { exitCode: sent.exitCode ?? 'signal' }));
  }
  return record('succeeded');
}

/** Reads a step's effect again (after a lost connection): did it take effect? null when it still cannot be told. */
export async function readEffect(effect: Check, target: StepTarget, executor: StepExecutor, ctx: RunContext, now: () => number = Date.now): Promise<{ command: SentCommand; tookEffect: boolean | null }> {
  const command = await send(executor, target, effect.action, 'effect', ctx, now);
  return { command, tookEffect: command.error ? null : command.exitCode === 0 };
}

async function send(executor: StepExecutor, target: StepTarget, action: StepAction, phase: SentCommand['phase'], ctx: RunContext, now: () => number): Promise<SentCommand> {
  const at = now();
  const secrets = Object.values(ctx.secrets);
  try {
    const out = await executor.send(target, action, { signal: ctx.signal, secrets: ctx.secrets });
    return { phase, command: action.command, at, exitCode: out.exitCode, output: redactText(firstLines(out.output), secrets), error: null };
  } catch (error) {
    const data = pickError(error);
    return { phase, command: action.command, at, exitCode: null, output: '', error: { ...data, message: redactText(data.message, secrets) } };
  }
}

function pickError(error: unknown): ErrorData {
  return toErrorData(error);
}
