import { z } from 'zod';
import { OperationPlan } from '../model/operation.ts';
import { RestoreEnded, RestoreProgress, RestoreRequest } from '../model/restore.ts';
import { OpenAccess } from '../model/restore-access.ts';
import { JobRef } from './jobs.ts';

/**
 * Restores. `restore.copies` is a job whose result is a CopyListing (the VM's copies read from the share now);
 * `restore.plan` is a job whose result is a RestorePlanView: every check made, nothing written, the plan kept for
 * review. `restore.run` starts the reviewed plan (by `planId`) with the reason; its result is a RestoreResult, its
 * per-disk progress arrives as `restore:progress`. `restore.cancel` (or `jobs.cancel`) stops it; `restore:ended` then
 * says what the cleanup removed and what it could not.
 */
const Id = z.string().min(1).max(200);

export const restoreMethods = {
  'restore.copies': { input: z.object({ vm: z.string().min(1).max(1000), fromHostId: Id.optional() }).strict(), output: JobRef },
  'restore.plan': { input: RestoreRequest.strict(), output: JobRef },
  /** A job whose result is the target host's datastores (Datastore[]) with their free space, read now. */
  'restore.datastores': { input: z.object({ hostId: Id }).strict(), output: JobRef },
  /** The reviewed plan's operation (its exact commands, as they will be sent); null when a check blocks it. */
  'restore.review': { input: z.object({ planId: Id }).strict(), output: z.object({ plan: OperationPlan.nullable() }) },
  'restore.run': { input: z.object({ planId: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
  'restore.cancel': { input: z.object({ jobId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

/**
 * The temporary share accesses a cross-host restore left open (the NAS or the host was down when it ended or at start,
 * or the export was edited meanwhile): `restore.accesses` lists them with the last close error; `restore.accessClose`
 * is a job (its result an AccessCloseResult) that closes one through the audited close, with the reason.
 */
export const restoreAccessMethods = {
  'restore.accesses': { input: z.object({}).strict(), output: z.array(OpenAccess) },
  'restore.accessClose': { input: z.object({ id: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
} as const;

export const restoreEvents = {
  /** A restore's step: a disk being cloned (N of M) or done, registering, verifying, cleaning up. */
  'restore:progress': RestoreProgress,
  /** A restore job ended: its result, or its error and what the cleanup removed and could not remove. */
  'restore:ended': RestoreEnded,
  /** The open temporary accesses changed (a close started or ended): read `restore.accesses` again. */
  'restore:accessesChanged': z.object({ open: z.number().int() }),
} as const;
