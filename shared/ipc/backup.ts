import { z } from 'zod';
import { BackupRun, RunLive } from '../model/backup.ts';
import { JobRef } from './jobs.ts';

/**
 * Backups. The pre-flight of a host (or of chosen VMs) is a job whose result is a PreflightReport
 * (shared/model/backup.ts): it probes the host again and writes and removes one file in its backup folder. A run
 * now is a job too: pre-flight, the audited start (with the reason), then following its log to the end; its
 * result is the BackupRun, its log lines arrive as `job:log`, its VMs' progress as `job:progress`.
 */
const Id = z.string().min(1).max(200);
const VmName = z.string().min(1).max(1000);

export const backupMethods = {
  'backup.check': { input: z.object({ hostId: Id, vms: z.array(VmName).max(1000).optional() }).strict(), output: JobRef },
  'backup.start': {
    input: z.object({ hostId: Id, vms: z.array(VmName).max(1000).default([]), dryRun: z.boolean().default(false), reason: z.string().max(100_000) }).strict(),
    output: JobRef,
  },
  /** Follows the newest run on a host (it goes on from the byte its log was read to). */
  'backup.attach': { input: z.object({ hostId: Id }).strict(), output: JobRef },
  'backup.runs': { input: z.object({ hostId: Id.optional() }).strict(), output: z.array(BackupRun) },
  /**
   * Looks on a host for a run going on (at the app's opening, say): Custode's own, or one it did not start (the
   * schedule's), which is recorded with `startedBy` "cron" and no operation. The job's result: that BackupRun or null;
   * follow it with `backup.attach`.
   */
  'backup.findRunning': { input: z.object({ hostId: Id }).strict(), output: JobRef },
} as const;

/**
 * A followed run's live view (RunLive, shared/model/backup.ts), sent by `backup.start` and `backup.attach` jobs
 * each time something new is known (a log piece, a look at the clone going on: every half second at most while it
 * copies), beside their coarser `job:progress`: per VM its state, disk N of M with percent, bytes copied of its
 * total, time taken on the host's clock, time left at the rate measured, and the reason of a skip or failure.
 */
export const backupEvents = {
  'backup:live': z.object({ jobId: z.string(), live: RunLive }),
} as const;
