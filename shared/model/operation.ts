import { z } from 'zod';

/**
 * A change to a host, the NAS or Custode itself, as plain data: built by a pure function in core from probed facts,
 * shown to the user before anything runs, then run step by step and recorded in the audit trail. Nothing here holds
 * a secret: a plan that needs a password keeps it beside the plan in core, never inside it.
 */

/** The longest "why" the user may give; longer is refused, never cut. */
export const REASON_MAX = 2000;

/** Words made from an i18n key and its values, so each reader sees them in their language. */
export const Words = z.object({
  key: z.string().min(1).max(200),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Words = z.infer<typeof Words>;

/** Where a step acts: a managed machine (by id, with the name and address it had when planned) or this workstation. */
export const StepTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), hostId: z.string().min(1), name: z.string(), address: z.string() }),
  z.object({ kind: z.literal('workstation') }),
]);
export type StepTarget = z.infer<typeof StepTarget>;

/**
 * One thing sent. `command` is always the exact text: the shell line sent over SSH (built by the shell-quoting
 * module), the `midclt call …` line, or for a change inside Custode the `custode …` action in the same words.
 */
export const StepAction = z.discriminatedUnion('kind', [
  /** `timeoutMs`: a command known to run long (a disk clone) waits this long instead of the executor's default. */
  z.object({ kind: z.literal('shell'), command: z.string().min(1), timeoutMs: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('midclt'), method: z.string().min(1), args: z.array(z.unknown()), command: z.string().min(1) }),
  z.object({ kind: z.literal('local'), action: z.string().min(1), params: z.record(z.string(), z.unknown()), command: z.string().min(1) }),
]);
export type StepAction = z.infer<typeof StepAction>;

/** A condition read right before a step runs (or to learn whether it took effect): holds when the action exits 0. */
export const Check = z.object({ words: Words, action: StepAction });
export type Check = z.infer<typeof Check>;

/** A dangerous step names the object it may destroy; running it needs a second confirmation naming that object. */
export const Danger = z.object({ object: z.string().min(1), words: Words });
export type Danger = z.infer<typeof Danger>;

const stepFields = {
  id: z.string().min(1),
  target: StepTarget,
  words: Words,
  /** Sent in order; the first one that does not exit 0 fails the step. */
  actions: z.array(StepAction).min(1),
  /** Re-read right before the step runs: the world may have changed since the plan was made. */
  checks: z.array(Check),
  /** How to tell afterwards whether the step took effect (read again after a lost connection). */
  effect: Check.nullable(),
  danger: Danger.nullable(),
};

/** An undo step is planned with its step, never improvised; it has no undo of its own. */
export const UndoStep = z.object(stepFields);
export type UndoStep = z.infer<typeof UndoStep>;

export const PlanStep = z.object({
  ...stepFields,
  /** null: this step cannot be undone (the plan says so before it runs). */
  undo: z.array(UndoStep).nullable(),
});
export type PlanStep = z.infer<typeof PlanStep>;

export const Risk = z.enum(['low', 'medium', 'high']);
export type Risk = z.infer<typeof Risk>;

export const OperationPlan = z.object({
  /** Also the operation's id once it runs: one plan runs at most once. */
  id: z.string().min(1),
  /** What kind of change, e.g. `host.add`, `trust.forget`, `directories.create`, `undo`. */
  kind: z.string().min(1),
  title: Words,
  /** What the operation is about, as the user knows it (`esxi-07 (10.0.0.7)`): the trail's target column. */
  about: z.string().min(1),
  createdAt: z.number(),
  risk: Risk,
  steps: z.array(PlanStep).min(1),
  /** For an undo plan: the operation it undoes. */
  undoOf: z.string().nullable(),
});
export type OperationPlan = z.infer<typeof OperationPlan>;

/** One command as actually sent, with what came back (the first lines only, secrets already removed). */
export const SentCommand = z.object({
  phase: z.enum(['check', 'run', 'effect']),
  command: z.string(),
  at: z.number(),
  exitCode: z.number().int().nullable(),
  output: z.string(),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
});
export type SentCommand = z.infer<typeof SentCommand>;

/**
 * `unknown`: the connection was lost while the step ran, so nobody can say whether it took effect; it is read
 * again (its `effect` check) when the host is back.
 */
export const StepOutcome = z.enum(['succeeded', 'failed', 'refused', 'cancelled', 'unknown']);
export type StepOutcome = z.infer<typeof StepOutcome>;

export const StepRecord = z.object({
  index: z.number().int().min(0),
  stepId: z.string(),
  outcome: StepOutcome,
  commands: z.array(SentCommand),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const OperationOutcome = z.enum(['succeeded', 'failed', 'refused', 'cancelled', 'unknown']);
export type OperationOutcome = z.infer<typeof OperationOutcome>;

/** What a run came to: each step that was reached, and whether the planned undo of what ran can be offered. */
export const OperationResult = z.object({
  operationId: z.string(),
  outcome: OperationOutcome,
  steps: z.array(StepRecord),
  /** Every step that ran (or may have) has a planned undo, and at least one ran. */
  undoAvailable: z.boolean(),
});
export type OperationResult = z.infer<typeof OperationResult>;

export const Confirmation = z.object({
  reason: z.string().max(100_000),
  /** The objects of the plan's dangerous steps, each confirmed a second time by name. */
  confirm: z.array(z.string().max(2000)).max(100).default([]),
});
export type Confirmation = z.input<typeof Confirmation>;
