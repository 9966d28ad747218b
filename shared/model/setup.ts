import { z } from 'zod';
import { OperationPlan, Words } from './operation.ts';

/**
 * A host's setup as the wizard and `custode setup plan` show it: per page (share, mount, ghettoVCB, conf, schedule)
 * what was found, whether it already matches ("already done") or what will change, with the exact commands in the
 * operation plan that runs it. Zero changes: no plan at all.
 */
export const SetupPage = z.enum(['share', 'mount', 'install', 'conf', 'schedule']);
export type SetupPage = z.infer<typeof SetupPage>;

export const SetupStepView = z.object({
  page: SetupPage,
  status: z.enum(['done', 'change']),
  /** What was found. */
  found: Words,
  /** Notes the user should read (Secure Boot, the staggered time, a script kept). */
  notes: z.array(Words),
  /** The plan steps of this page (their ids), in the operation plan. */
  stepIds: z.array(z.string()),
  /** A replaced file's change, secrets hidden: `-` old, `+` new lines. */
  diff: z.string().nullable(),
});
export type SetupStepView = z.infer<typeof SetupStepView>;

export const SetupPlanView = z.object({
  host: z.string(),
  nas: z.string(),
  ip: z.string(),
  pages: z.array(SetupStepView),
  /** null when everything is already done. */
  plan: OperationPlan.nullable(),
  changes: z.number().int(),
  /** A draft's pages that wait for the user's choice (a ghettoVCB.sh to pick): the plan is shown, not runnable. */
  waiting: z.array(SetupPage).optional(),
  /** The host's VMs as the plan read them, and those the schedule leaves out (ghettoVCB's exclusion file). */
  vms: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  /** What the setup will look like: time, schedule place, rotation, script version and hash. */
  summary: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type SetupPlanView = z.infer<typeof SetupPlanView>;
