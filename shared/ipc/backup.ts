import { z } from 'zod';
import { PreflightReport, RunLive, VmProgress } from '../model/backup.ts';
import { BackupAlertSettings, HistoryRun, LastGoodCopy, MissedRunAlert, RunEnded } from '../model/backup-history.ts';
import { OperationPlan } from '../model/operation.ts';
import { JobRef } from './jobs.ts';

/**
 * Backups. The pre-flight of a host (or of chosen VMs) is a job whose result is a PreflightReport
 * (shared/model/backup.ts): it probes the host again and writes and removes one file in its backup folder. A run
 * now is a job too: pre-flight, the audited start (with the reason), then following its log to the end; its
 * result is the BackupRun, its log lines arrive as `job:log`, its VMs' progress as `job:progress` (the VM at work) and
 * `backup:progress` (every VM of the run, for per-VM bars).
 *
 * A run can be reviewed before it starts: `backup.plan` is a job (a pre-flight, then the plan) whose result is a
 * ReviewedRun; `backup.start` with its `planId` runs exactly those commands. Without `planId` it plans and starts in
 * one go (the CLI's `--yes`).
 */
const Id = z.string().min(1).max(200);
const VmName = z.string().min(1).max(1000);
/** A snapshot the user picked to remove before the run ("consolidate snapshots first"): its VM and its id. */
const SnapshotPick = z.object({ vm: VmName, snapshotId: z.number().int().min(0) }).strict();
const RunRequest = {
  hostId: Id,
  vms: z.array(VmName).max(1000).default([]),
  dryRun: z.boolean().default(false),
  consolidate: z.array(SnapshotPick).max(1000).default([]),
};

/** A planned run kept for review: its exact commands and the pre-flight made for it. */
export const ReviewedRun = z.object({ planId: z.string(), plan: OperationPlan, preflight: PreflightReport });
export type ReviewedRun = z.infer<typeof ReviewedRun>;

export const backupMethods = {
  'backup.check': { input: z.object({ hostId: Id, vms: z.array(VmName).max(1000).optional() }).strict(), output: JobRef },
  /** A job: the pre-flight and the plan of a run, kept (not run) until `backup.start` names its planId. */
  'backup.plan': { input: z.object(RunRequest).strict(), output: JobRef },
  /**
   * With snapshots to remove first, `confirm` names each (`<VM>:<id>`, the second confirmation of a dangerous step);
   * a removal not named there refuses the start before anything runs.
   */
  'backup.start': {
    input: z.object({ ...RunRequest, reason: z.string().max(100_000), planId: Id.optional(), confirm: z.array(z.string().max(2000)).max(1000).default([]) }).strict(),
    output: JobRef,
  },
  /** A VM's snapshots as the host shows them now (`snapshot.get`), with their ids: what "consolidate first" picks from. */
  'backup.snapshots': {
    input: z.object({ hostId: Id, vm: VmName }).strict(),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), createdOn: z.string() })),
  },
  /** Follows the newest run on a host (it goes on from the byte its log was read to). */
  'backup.attach': { input: z.object({ hostId: Id }).strict(), output: JobRef },
  /**
   * Cancels the run going on on a host (the one holding ghettoVCB's lock): the job plans the cancel from what the host
   * shows, runs it through the reviewed path with the reason, and its result says what was stopped, which snapshots
   * were removed and which partial copy folders were left (marked, never a good copy).
   */
  'backup.cancel': { input: z.object({ hostId: Id, reason: z.string().max(100_000) }).strict(), output: JobRef },
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
  /**
   * Looks on a host for a run going on (at the app's opening, say): Custode's own, or one it did not start (the
   * schedule's), which is recorded with `startedBy` "cron" and no operation. The job's result: that BackupRun or null;
   * follow it with `backup.attach`.
   */
  'backup.findRunning': { input: z.object({ hostId: Id }).strict(), output: JobRef },
} as const;

export const backupEvents = {
  /** A run ended and was verified (or could not be): `problems` says whether it needs a desktop notification. */
  'backup:runEnded': RunEnded,
  /** Where every VM of a followed run is (sent with each new piece of its log). */
  'backup:progress': z.object({ jobId: z.string(), runId: z.string(), vms: z.array(VmProgress) }),
  /**
   * A followed run's live view (RunLive, shared/model/backup.ts), sent by `backup.start` and `backup.attach` jobs
   * each time something new is known (a log piece, a look at the clone going on: every half second at most while it
   * copies): per VM its state, disk N of M with percent, bytes copied of its total, time taken on the host's clock,
   * time left at the rate measured, and the reason of a skip or failure.
   */
  'backup:live': z.object({ jobId: z.string(), live: RunLive }),
} as const;
