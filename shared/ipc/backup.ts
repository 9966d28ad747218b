import { z } from 'zod';
import { BackupRun } from '../model/backup.ts';
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
  /**
   * Cancels the run going on on a host (the one holding ghettoVCB's lock): the job plans the cancel from what the host
   * shows, runs it through the reviewed path with the reason, and its result says what was stopped, which snapshots
   * were removed and which partial copy folders were left (marked, never a good copy).
   */
  'backup.cancel': { input: z.object({ hostId: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
  'backup.runs': { input: z.object({ hostId: Id.optional() }).strict(), output: z.array(BackupRun) },
} as const;
