import { z } from 'zod';

/**
 * A backup pre-flight, as data: each check ends go / warn / block, and its `code` is the i18n key of a text that
 * says why and what to do (shared/i18n/backup.ts, or the fleet's own finding texts where the fleet already judges
 * the same thing), filled with `params`.
 */
export const Verdict = z.enum(['go', 'warn', 'block']);
export type Verdict = z.infer<typeof Verdict>;

export const PREFLIGHT_CHECKS = [
  'ghettovcb',
  'version',
  'conf',
  'volume',
  'writeTest',
  'space',
  'snapshots',
  'disks',
  'lock',
  'names',
  'sharedShare',
  'rotation',
] as const;
export const PreflightCheckId = z.enum(PREFLIGHT_CHECKS);
export type PreflightCheckId = z.infer<typeof PreflightCheckId>;

export const PreflightCheck = z.object({
  check: PreflightCheckId,
  verdict: Verdict,
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The VM the finding is about; null for the host as a whole. */
  vm: z.string().nullable(),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

/** How a run on this host would be started: the script and conf the schedule uses, and where copies go. */
export const RunSetup = z.object({
  script: z.string(),
  conf: z.string().nullable(),
  volume: z.string().nullable(),
});
export type RunSetup = z.infer<typeof RunSetup>;

export const PreflightReport = z.object({
  hostId: z.string(),
  host: z.string(),
  at: z.number(),
  /** The VMs the run would back up (all registered VMs when none was chosen). */
  vms: z.array(z.string()),
  allVms: z.boolean(),
  setup: RunSetup.nullable(),
  /** The worst verdict of all checks. */
  verdict: Verdict,
  checks: z.array(PreflightCheck),
});
export type PreflightReport = z.infer<typeof PreflightReport>;

const RANK: Record<Verdict, number> = { go: 0, warn: 1, block: 2 };

export function worst(verdicts: Iterable<Verdict>): Verdict {
  let out: Verdict = 'go';
  for (const v of verdicts) if (RANK[v] > RANK[out]) out = v;
  return out;
}

/** Whether a run may start: no check about the whole host blocks (a VM that is blocked is simply not backed up). */
export function hostBlocks(report: PreflightReport): PreflightCheck[] {
  return report.checks.filter((x) => x.verdict === 'block' && x.vm === null);
}

/**
 * Custode's own account of why a VM ended as it did, where the log alone cannot say (the share filled up during the
 * run: electron/core/backup/share-full.ts): `code` is the i18n key of the sentence, filled with `params`.
 */
export const VmOutcomeWhy = z.object({
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type VmOutcomeWhy = z.infer<typeof VmOutcomeWhy>;

/** How one VM of a run ended, from the run's log (and its output on the host where the log lost it). */
export const RunVmOutcome = z.object({
  vm: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  why: VmOutcomeWhy.optional(),
});
export type RunVmOutcome = z.infer<typeof RunVmOutcome>;

export const RunState = z.enum(['starting', 'running', 'notStarted', 'ended', 'lost', 'cancelled']);

/** A backup run Custode started: where it runs and logs, how far its log was read, and how it ended. */
export const BackupRun = z.object({
  id: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  /** The audited operation that started it. */
  operationId: z.string().nullable(),
  startedAt: z.number(),
  startedBy: z.string(),
  reason: z.string(),
  /** Empty: all VMs (`-a`). */
  vms: z.array(z.string()),
  dryRun: z.boolean(),
  /** The detached wrapper's pid on the host. */
  pid: z.number().nullable(),
  logPath: z.string(),
  exitPath: z.string(),
  logOffset: z.number(),
  /** `lost`: it stopped without saying how (the host rebooted, the process was killed); `cancelled`: stopped by a cancel. */
  state: RunState,
  endedAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  finalStatus: z.string().nullable(),
  outcomes: z.array(RunVmOutcome),
  bytes: z.number().nullable(),
  durationMs: z.number().nullable(),
});
export type BackupRun = z.infer<typeof BackupRun>;

/** Where one VM of a running backup is; `cancelled`: the run was cancelled before this VM was done (a copy cut off, or never begun). */
export const VmProgressState = z.enum(['waiting', 'snapshot', 'cloning', 'removingSnapshot', 'done', 'skipped', 'failed', 'cancelled']);
export const VmProgress = z.object({
  vm: z.string(),
  state: VmProgressState,
  disk: z.number().int().nullable(),
  percent: z.number().nullable(),
  outcome: z.string().nullable(),
});
export type VmProgress = z.infer<typeof VmProgress>;

/**
 * The live view of one VM of a running backup (event `backup:live`, shared/ipc/backup.ts): its VmProgress, plus
 * `disk` of `disks` (the disks ghettoVCB copies for it, from the host's VM facts; null when unknown), `percent` of
 * the disk being copied (vmkfstools' `\r` progress, the line still being written included), `reason` of a skip or
 * failure (the log's own English text; UI words come from `outcome`), bytes from the disks' descriptors, the time
 * it has taken on the host's clock, and the time left at the run's copy rate (null while unknown).
 */
export const VmLive = VmProgress.extend({
  disks: z.number().int().nullable(),
  reason: z.string().nullable(),
  bytesTotal: z.number().nullable(),
  bytesDone: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  etaMs: z.number().nullable(),
});
export type VmLive = z.infer<typeof VmLive>;

/**
 * The live view of a run: every VM (in the log's order, those not reached yet last as `waiting`), the run's time on
 * the host's clock, the bytes copied of those to copy, the copy rate measured while following, and the time left.
 */
export const RunLive = z.object({
  runId: z.string(),
  /** When Custode computed it (its own clock). */
  at: z.number(),
  elapsedMs: z.number().nullable(),
  bytesTotal: z.number().nullable(),
  bytesDone: z.number(),
  bytesPerSecond: z.number().nullable(),
  etaMs: z.number().nullable(),
  vms: z.array(VmLive),
});
export type RunLive = z.infer<typeof RunLive>;

/** `startedBy` of a run Custode found going on (cron, or someone at the console) rather than started. */
export const NOT_BY_CUSTODE = 'cron';
export const startedByCustode = (run: Pick<BackupRun, 'startedBy' | 'operationId'>): boolean => !(run.operationId === null && run.startedBy === NOT_BY_CUSTODE);
