import type { OperationPlan } from './operation.ts';

/** Every command of a plan, in the order it would be sent, as one copyable text (checks and undo as comments). */
export function planCommands(plan: OperationPlan): string {
  return plan.steps
    .flatMap((s, i) => [`# ${i + 1}. ${s.id}`, ...s.checks.map((c) => `#   check: ${c.action.command}`), ...s.actions.map((a) => a.command), ...(s.undo ?? []).map((u) => `#   undo: ${u.actions.map((a) => a.command).join(' && ')}`)])
    .join('\n');
}
