import { z } from 'zod';
import { DrillEnded, DrillHistory, DrillRequest, DrillSchedule } from '../model/drill.ts';
import { JobRef } from './jobs.ts';

/**
 * Restore drills. `drill.plan` is a job whose result is a DrillPlanView (the restore it makes, every check, nothing
 * written). `drill.run` starts it with the reason; its result is the DrillRecord, `drill:ended` says how it ended and
 * what the teardown could not remove. `drill.cancel` stops it at any point and removes what it made.
 * `drill.history` reads the kept drills and each VM's last recovery times. `drill.schedule.get|set`: the drills the
 * app starts by itself while it runs (reason "scheduled drill").
 */
const Id = z.string().min(1).max(200);

export const drillMethods = {
  'drill.plan': { input: DrillRequest.strict(), output: JobRef },
  'drill.run': { input: z.object({ drillId: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
  'drill.cancel': { input: z.object({ jobId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'drill.history': { input: z.object({ vm: z.string().min(1).max(1000).optional(), last: z.number().int().min(1).max(100).optional() }).strict(), output: DrillHistory },
  'drill.schedule.get': { input: z.object({}).strict(), output: DrillSchedule },
  'drill.schedule.set': { input: DrillSchedule.strict(), output: DrillSchedule },
} as const;

export const drillEvents = {
  'drill:ended': DrillEnded,
} as const;
