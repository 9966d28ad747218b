import { AppError } from '../../shared/errors/app-error.ts';
import type { OperationPlan, OperationResult, StepTarget } from '../../shared/model/operation.ts';
import { planCommands } from '../../shared/model/plan-commands.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import { throwUnlessSucceeded, type OperationService } from '../core/operations/operation-service.ts';
import { planFor, type PlanFacts } from '../core/operations/plan-requests.ts';
import type { PlanRequest } from '../../shared/ipc/operations.ts';
import type { ParsedArgs } from './args.ts';
import { words } from './fleet-words.ts';
import type { CliIo } from './io.ts';
import { printable } from './printable.ts';

/**
 * A CLI write goes the app's way: its plan is made by the same core and kept by the same operation service, then
 * either printed for review (without `--yes`: steps, checks, undo and the exact commands; exit 0, nothing runs) or
 * run with `--reason` (and `--confirm OBJECT` for each dangerous step) and recorded in the audit trail.
 */
export const REVIEW_FLAGS = { booleans: ['--yes'], values: ['--reason', '--confirm'] } as const;

/** Refusals of the reason or the confirmation: the command was given wrong, so they exit 2 like other usage errors. */
const USAGE_REFUSALS = new Set(['operations.reasonRequired', 'operations.reasonTooLong', 'operations.confirmationRequired']);

export const wantsRun = (args: ParsedArgs): boolean => args.flags.get('--yes') === true;

function where(lang: Lang, target: StepTarget): string {
  if (target.kind === 'workstation') return words(lang, 'operations.review.workstation');
  return words(lang, 'operations.review.on', { target: target.name === target.address ? target.name : `${target.name} (${target.address})` });
}

export function planText(plan: OperationPlan, lang: Lang): string {
  const w = (x: { key: string; params: Record<string, string | number> }) => words(lang, x.key, x.params);
  const lines = [words(lang, 'cli.plan.head', { title: w(plan.title), risk: words(lang, `operations.risk.${plan.risk}`) })];
  plan.steps.forEach((step, i) => {
    lines.push(words(lang, 'cli.plan.step', { n: i + 1, words: w(step.words), where: where(lang, step.target) }));
    if (step.checks.length > 0) lines.push(`   ${words(lang, 'operations.review.checks')} ${step.checks.map((c) => w(c.words)).join('; ')}`);
    lines.push(`   ${step.undo === null ? words(lang, 'operations.review.noUndo') : `${words(lang, 'operations.review.undo')} ${step.undo.map((u) => w(u.words)).join('; ')}`}`);
    if (step.danger) lines.push(words(lang, 'cli.plan.dangerous', { words: w(step.danger.words), object: step.danger.object }));
  });
  // Commands quote names from hosts and users, which may hold control characters: shown escaped, never acting.
  lines.push('', words(lang, 'cli.plan.commands'), ...planCommands(plan).split('\n').map((l) => `  ${printable(l)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Prints the plan and stops (no `--yes`: returns null), or runs it. A refused reason or confirmation is printed in
 * the run's language and exits 2 (`exit` holds the code); nothing was written or sent.
 */
export async function reviewOrRun(
  ops: OperationService,
  plan: OperationPlan,
  args: ParsedArgs,
  io: CliIo,
  lang: Lang,
): Promise<{ result: OperationResult } | { exit: number }> {
  if (!wantsRun(args)) {
    io.out(planText(plan, lang));
    io.out(`${words(lang, 'cli.plan.notRun')}\n`);
    ops.discard(plan.id);
    return { exit: 0 };
  }
  const reason = args.flags.get('--reason');
  const confirm = args.flags.get('--confirm');
  try {
    const result = await ops.run(plan.id, { reason: typeof reason === 'string' ? reason : '', confirm: typeof confirm === 'string' ? [confirm] : [] }, { signal: new AbortController().signal });
    return { result };
  } catch (error) {
    if (!(error instanceof AppError) || !USAGE_REFUSALS.has(error.code)) throw error;
    ops.discard(plan.id);
    io.err(`custode: ${words(lang, `error.${error.code}`, error.details as Record<string, string | number>)}\n`);
    return { exit: 2 };
  }
}

/**
 * A request planned by the app's core and kept by its operation service (with the secrets it carried, never in the
 * plan), then printed for review or run as reviewOrRun does; a run that did not succeed is thrown as its error.
 */
export async function planReviewOrRun(
  services: PlanFacts & { operations: OperationService },
  request: PlanRequest & { kind: string },
  args: ParsedArgs,
  io: CliIo,
  lang: Lang,
): Promise<{ result: OperationResult } | { exit: number }> {
  const { plan, secrets } = planFor(request, services);
  services.operations.prepare(plan, secrets);
  const reviewed = await reviewOrRun(services.operations, plan, args, io, lang);
  if ('result' in reviewed) throwUnlessSucceeded(reviewed.result);
  return reviewed;
}

/** The closing line of a run: where the trail keeps it. */
export const recordedLine = (lang: Lang, result: OperationResult): string => `${words(lang, 'cli.plan.recorded', { id: result.operationId })}\n`;
