import { z } from 'zod';
import { RestorePlanView } from './restore.ts';

/**
 * Restore drills: a VM's latest good copy restored under a temporary name with every NIC disconnected, powered on,
 * timed (drill start → running, → VMware Tools running), then powered off and removed. Each drill is kept.
 */
export const DrillRequest = z.object({
  vm: z.string().min(1).max(1000),
  fromHostId: z.string().min(1).max(200).optional(),
  toHostId: z.string().min(1).max(200),
  /** Absent: the target's first datastore the host reports. */
  datastore: z.string().min(1).max(1000).optional(),
  /** How long the power-on and the wait for Tools may take (default 10 minutes). */
  timeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
});
export type DrillRequest = z.infer<typeof DrillRequest>;

export const DrillPlanView = z.object({
  drillId: z.string(),
  /** The restore the drill makes, as it will run (its plan id is reviewed like any restore's). */
  restore: RestorePlanView,
  /** The marker written into the restored folder first; only a folder holding it with this drill's id is removed. */
  marker: z.string(),
  /** The teardown's commands: the VM's power-off and unregistration (`<id>`: ESXi's id once registered), the removal exactly. */
  teardown: z.array(z.string()),
});
export type DrillPlanView = z.infer<typeof DrillPlanView>;

/**
 * A running drill's phases, in order, as its job's progress reports them (stepKey `drill.phase.<phase>`): the restore
 * (its own steps pass through meanwhile), the power-on, the wait until the VM runs, the wait for its VMware Tools, and
 * the teardown. The recovery time is measured at the end of `running`.
 */
export const DRILL_PHASES = ['restore', 'powerOn', 'running', 'tools', 'teardown'] as const;
export type DrillPhase = (typeof DRILL_PHASES)[number];

export const DrillResult = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type DrillResult = z.infer<typeof DrillResult>;

export const DrillRecord = z.object({
  id: z.string(),
  vm: z.string(),
  sourceHost: z.string(),
  copyFolder: z.string(),
  targetHost: z.string(),
  datastore: z.string(),
  tempName: z.string(),
  reason: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Drill start → the VM powered on. */
  recoveryMs: z.number().nullable(),
  /** Drill start → its VMware Tools running (null: no Tools in the guest, or not reached). */
  toolsMs: z.number().nullable(),
  result: DrillResult,
  errorCode: z.string().nullable(),
  /** The restore's operation in the audit trail. */
  operationId: z.string().nullable(),
});
export type DrillRecord = z.infer<typeof DrillRecord>;

/** A VM's last recovery times, oldest first: the RTO trend. */
export const DrillTrend = z.object({ vm: z.string(), points: z.array(z.object({ at: z.number(), recoveryMs: z.number(), toolsMs: z.number().nullable() })) });
export type DrillTrend = z.infer<typeof DrillTrend>;

export const DrillHistory = z.object({ drills: z.array(DrillRecord), trends: z.array(DrillTrend) });
export type DrillHistory = z.infer<typeof DrillHistory>;

export const DrillEnded = z.object({
  jobId: z.string(),
  record: DrillRecord,
  /** What the teardown could not remove (it is listed, never guessed at). */
  notRemoved: z.array(z.string()),
});
export type DrillEnded = z.infer<typeof DrillEnded>;

/** A drill the app starts by itself while it runs: this VM, onto this host, once every `everyDays`. */
export const DrillScheduleEntry = z.object({
  vm: z.string().min(1).max(1000),
  toHostId: z.string().min(1).max(200),
  datastore: z.string().min(1).max(1000).optional(),
  everyDays: z.number().int().min(1).max(366).default(30),
  /** false: kept in the schedule but not started (absent: started when due). */
  enabled: z.boolean().optional(),
});
export type DrillScheduleEntry = z.infer<typeof DrillScheduleEntry>;

export const DrillSchedule = z.object({ entries: z.array(DrillScheduleEntry).max(500) });
export type DrillSchedule = z.infer<typeof DrillSchedule>;
