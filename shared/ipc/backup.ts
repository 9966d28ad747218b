import { z } from 'zod';
import { BackupAlertSettings, HistoryRun, LastGoodCopy, MissedRunAlert, RunEnded } from '../model/backup-history.ts';
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
  /** The history, newest first: each run with who started it (`origin`) and what verification found (`verify`). */
  'backup.runs': { input: z.object({ hostId: Id.optional() }).strict(), output: z.array(HistoryRun) },
  /**
   * A job that verifies what a host's runs left on the share (Custode's runs that ended unverified, and the newest
   * run of its schedule, added to the history); its result is the list of runs verified now.
   */
  'backup.verify': { input: z.object({ hostId: Id }).strict(), output: JobRef },
  /** Each VM's newest verified copy (a copy that failed verification never becomes one). */
  'backup.lastGood': { input: z.object({ hostId: Id.optional() }).strict(), output: z.array(LastGoodCopy) },
  /** Hosts whose scheduled run left no log by its time plus the grace, judged from their last probe. */
  'backup.alerts': { input: z.object({}).strict(), output: z.array(MissedRunAlert) },
  'backup.alertSettings': { input: z.object({}).strict(), output: BackupAlertSettings },
  'backup.updateAlertSettings': { input: BackupAlertSettings.strict(), output: BackupAlertSettings },
} as const;

export const backupEvents = {
  /** A run ended and was verified (or could not be): `problems` says whether it needs a desktop notification. */
  'backup:runEnded': RunEnded,
} as const;
