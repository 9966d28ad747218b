import { z } from 'zod';
import { JobRef } from './jobs.ts';

/**
 * Setting up a host (the wizard). `setup.plan` is a job: both machines are read again and every page planned; its
 * result is a SetupPlanView (shared/model/setup.ts) whose `plan` (null: everything already done) waits for review.
 * `setup.apply` runs a reviewed plan, by its id, as a job with the user's reason (audit trail). `setup.remove` is a
 * job whose result is `{ plan }`: the removal of Custode's setup from the host, run with `setup.apply` too (copies on
 * the NAS are never deleted). `setup.dryRun`, once set up: ghettoVCB `-d dryrun`, per VM.
 */
const Id = z.string().min(1).max(200);

export const SetupPlanInput = z
  .object({
    hostId: Id,
    nasId: Id,
    time: z.string().max(10).optional(),
    /** Days of the week, cron's numbers (Sunday 0 … Saturday 6); checked in the core (a typed `setup.daysInvalid`). */
    days: z.array(z.number().int()).max(7).optional(),
    /** VM names ghettoVCB leaves out; `[]` clears the host's list. */
    exclude: z.array(z.string().max(1000)).max(500).optional(),
    rotation: z.number().int().optional(),
    schedule: z.enum(['host', 'nas']).optional(),
    nfsVersion: z.enum(['nfs41', 'nfs3']).optional(),
    /** A ghettoVCB.sh on the workstation, as the file picker gave it. */
    ghettovcbPath: z.string().min(1).max(4096).optional(),
    /**
     * The picked file's bytes, base64, where the picker gives no path (the browser host; the same in Electron): a
     * ghettoVCB.sh is some 70 KB, 1 MiB is plenty.
     */
    ghettovcbFile: z.object({ name: z.string().min(1).max(255), base64: z.string().max(1_400_000) }).strict().optional(),
    /**
     * The wizard's plan while the user still has a choice to make (a host without ghettoVCB and no file picked yet):
     * that page is listed in the view's `waiting` instead of refusing the whole plan, and nothing is kept to run.
     */
    draft: z.boolean().optional(),
    dataset: z.string().min(1).max(1000).optional(),
    snapshots: z.object({ value: z.number().int().min(1).max(999), unit: z.enum(['DAY', 'WEEK', 'MONTH']) }).strict().optional(),
  })
  .strict();
export type SetupPlanInput = z.infer<typeof SetupPlanInput>;

export const setupMethods = {
  'setup.plan': { input: SetupPlanInput, output: JobRef },
  'setup.apply': { input: z.object({ planId: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
  'setup.remove': { input: z.object({ hostId: Id, nasId: Id }).strict(), output: JobRef },
  'setup.dryRun': { input: z.object({ hostId: Id, nasId: Id }).strict(), output: JobRef },
} as const;
