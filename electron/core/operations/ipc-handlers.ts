import type { operationsMethods } from '../../../shared/ipc/operations.ts';
import type { HandlerMap } from '../ipc/router.ts';
import type { OperationService } from './operation-service.ts';
import { planFor, type PlanFacts } from './plan-requests.ts';

export function operationsHandlers(deps: { operations: OperationService } & PlanFacts): HandlerMap<typeof operationsMethods> {
  const ops = deps.operations;
  return {
    'operations.plan': (request) => {
      const { plan, secrets } = planFor(request, deps);
      return ops.prepare(plan, secrets);
    },
    'operations.get': ({ planId }) => ops.plan(planId),
    'operations.discard': ({ planId }) => {
      ops.discard(planId);
      return {};
    },
    'operations.run': ({ planId, reason, confirm }) => ops.start(planId, { reason, confirm }),
    'operations.planUndo': ({ operationId }) => ops.planUndo(operationId),
    'operations.result': ({ operationId }) => ops.result(operationId),
  };
}
