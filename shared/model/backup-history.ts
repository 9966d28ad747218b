import { z } from 'zod';
import { BackupRun, Verdict } from './backup.ts';

/**
 * What Custode found on the share after a run: per VM, the copy folder the run wrote, its STATUS file, the copies
 * on disk against the conf's rotation, and each copied disk's size against its source. A check's `code` is the
 * i18n key (shared/i18n/backup-verify.ts) of a text that says what was found and what to do, filled with `params`.
 */
export const VERIFY_CHECKS = ['folder', 'status', 'disks', 'rotation'] as const;
export const VerifyCheckId = z.enum(VERIFY_CHECKS);

export const VerifyCheck = z.object({
  check: VerifyCheckId,
  verdict: Verdict,
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type VerifyCheck = z.infer<typeof VerifyCheck>;

export const CopiedDisk = z.object({
  /** The source disk as the log names it. */
  source: z.string(),
  /** Provisioned size of the source (its descriptor's extents); null when it could not be read. */
  sourceBytes: z.number().nullable(),
  /** Provisioned size of the copy (its descriptor), and the bytes its extent files hold on the share. */
  copyBytes: z.number().nullable(),
  fileBytes: z.number().nullable(),
});
export type CopiedDisk = z.infer<typeof CopiedDisk>;

/**
 * `verified`: the copy is whole (a STATUS.warn copy too: it says which disks were left out on purpose);
 * `failed`: something about the copy is wrong, it is not a good copy; `noCopy`: the run wrote no copy for this VM
 * (skipped before its folder, or a dry run), so there is nothing to verify.
 */
export const VmVerifyVerdict = z.enum(['verified', 'failed', 'noCopy']);
export type VmVerifyVerdict = z.infer<typeof VmVerifyVerdict>;

export const VmVerify = z.object({
  vm: z.string(),
  verdict: VmVerifyVerdict,
  /** The copy folder, as the host sees it. */
  copy: z.string().nullable(),
  status: z.enum(['ok', 'warn', 'error']).nullable(),
  statusText: z.string().nullable(),
  copiesOnDisk: z.number().int().nullable(),
  rotation: z.number().int().nullable(),
  bytes: z.number().nullable(),
  disks: z.array(CopiedDisk),
  checks: z.array(VerifyCheck),
});
export type VmVerify = z.infer<typeof VmVerify>;

/** `verified`: every copy the run wrote is whole; `problems`: at least one is not; `nothing`: it wrote no copy. */
export const RunVerifyVerdict = z.enum(['verified', 'problems', 'nothing']);
export type RunVerifyVerdict = z.infer<typeof RunVerifyVerdict>;

export const RunVerify = z.object({
  at: z.number(),
  verdict: RunVerifyVerdict,
  vms: z.array(VmVerify),
});
export type RunVerify = z.infer<typeof RunVerify>;

/** Who started a run: Custode (a user, with a reason) or the host's own schedule. */
export const RunOrigin = z.enum(['custode', 'cron']);
export type RunOrigin = z.infer<typeof RunOrigin>;

/** A run in the history: the run, who started it, and what verification found (null: not verified yet). */
export const HistoryRun = BackupRun.extend({
  origin: RunOrigin,
  verify: RunVerify.nullable(),
});
export type HistoryRun = z.infer<typeof HistoryRun>;

/** A VM's newest copy that Custode verified. */
export const LastGoodCopy = z.object({
  hostId: z.string(),
  vm: z.string(),
  runId: z.string(),
  copy: z.string(),
  status: z.enum(['ok', 'warn']),
  bytes: z.number().nullable(),
  verifiedAt: z.number(),
});
export type LastGoodCopy = z.infer<typeof LastGoodCopy>;

/**
 * A scheduled run that did not happen: the host's cron line fired at `expectedAt` and no new log was on the share by
 * `expectedAt + grace`. Cron fires on the host's own clock (UTC), which may be off (no NTP): the judgement is made on
 * it, and every time here is the true moment on Custode's clock (the user's): the host's time minus
 * `hostClockOffsetMs` (to the minute) when that is more than 2 minutes (CLOCK_OFF_THRESHOLD_MS), as read when
 * closer (about the slack a run is given). `lastLogAt`: when the newest scheduled log began, null when there is none.
 */
export const MissedRunAlert = z.object({
  hostId: z.string(),
  host: z.string(),
  schedule: z.string(),
  expectedAt: z.number(),
  graceMinutes: z.number().int(),
  lastLogAt: z.number().nullable(),
  lastLog: z.string().nullable(),
  /** When the share was last read (the host's last probe). */
  checkedAt: z.number().nullable(),
  /** The host's clock minus Custode's as its last probe read it; null when unknown (then no correction was made). */
  hostClockOffsetMs: z.number().nullable(),
});
export type MissedRunAlert = z.infer<typeof MissedRunAlert>;

/** How a run ended, for the desktop notification of a run that ended with problems. */
export const RunEnded = z.object({
  runId: z.string(),
  hostId: z.string(),
  host: z.string(),
  origin: RunOrigin,
  state: z.string(),
  exitCode: z.number().nullable(),
  finalStatus: z.string().nullable(),
  /** VMs whose outcome in the log was not ok (a copy a cancel cut off is not a failure: it is in `cancelledVms`). */
  failedVms: z.array(z.string()),
  /** The VMs whose copy a cancel cut off: a partial folder left on the share, never a good copy. */
  cancelledVms: z.array(z.string()).default([]),
  verify: RunVerifyVerdict.nullable(),
  /** The run or its copies need a look: a non-zero exit, a lost run, a failed VM or a copy not verified. */
  problems: z.boolean(),
});
export type RunEnded = z.infer<typeof RunEnded>;

export const DEFAULT_GRACE_MINUTES = 120;
/** The longest grace: a week. */
export const MAX_GRACE_MINUTES = 7 * 24 * 60;
export const BackupAlertSettings = z.object({ graceMinutes: z.number().int().min(0).max(MAX_GRACE_MINUTES) });
export type BackupAlertSettings = z.infer<typeof BackupAlertSettings>;
