import type { OperationPlan, PlanStep, StepRecord } from '../../../shared/model/operation.ts';
import { words } from './plan-steps.ts';

/**
 * The undo of what an operation did, made only of the undo steps planned with it: for each step that ran (or may
 * have), newest first, its planned undo. Nothing is improvised here.
 */
export function undoPlanFor(plan: OperationPlan, records: readonly StepRecord[], id: string, now: number): OperationPlan {
  const touched = records.filter((r) => r.outcome === 'succeeded' || r.outcome === 'unknown').sort((a, b) => b.index - a.index);
  const steps: PlanStep[] = touched.flatMap((r) => (plan.steps[r.index]?.undo ?? []).map((u) => ({ ...u, id: `undo-${r.index}-${u.id}`, undo: null })));
  return {
    id,
    kind: 'undo',
    title: words('operations.undo.title', { ...plan.title.params, what: plan.title.key, operation: plan.id }),
    about: plan.about,
    createdAt: now,
    risk: plan.risk,
    steps,
    undoOf: plan.id,
  };
}
