import { z } from 'zod';
import { OperationPlan, OperationResult } from '../model/operation.ts';
import { AddHostInput } from './fleet.ts';
import { JobRef } from './jobs.ts';

/**
 * The write path's calls: a plan is made from a request (nothing is written), reviewed as data, and run by id
 * with a reason and, for dangerous steps, a second confirmation naming their object. The UI never sends a plan
 * or a command, only ids.
 */
const Id = z.string().min(1).max(200);

export const PlanRequest = z.discriminatedUnion('kind', [
  AddHostInput.omit({ reason: true }).extend({ kind: z.literal('host.add') }).strict(),
  z.object({ kind: z.literal('host.remove'), hostId: Id }).strict(),
  z.object({ kind: z.literal('trust.forget'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535).default(22) }).strict(),
]);
export type PlanRequest = z.input<typeof PlanRequest>;

const Empty = z.object({}).strict();

export const operationsMethods = {
  'operations.plan': { input: PlanRequest, output: OperationPlan },
  'operations.get': { input: z.object({ planId: Id }).strict(), output: OperationPlan },
  'operations.discard': { input: z.object({ planId: Id }).strict(), output: Empty },
  /** Runs a reviewed plan as a job; its result is an OperationResult. */
  'operations.run': {
    input: z.object({ planId: Id, reason: z.string().max(100_000), confirm: z.array(z.string().max(2000)).max(100).default([]) }).strict(),
    output: JobRef,
  },
  /** The planned undo of what an operation did, as a new plan to review and run. */
  'operations.planUndo': { input: z.object({ operationId: Id }).strict(), output: OperationPlan },
  'operations.result': { input: z.object({ operationId: Id }).strict(), output: OperationResult },
} as const;
