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

/** How one VM of a run ended, from the run's log. */
export const RunVmOutcome = z.object({
  vm: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  durationSeconds: z.number().nullable(),
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

/** Where one VM of a running backup is. */
export const VmProgressState = z.enum(['waiting', 'snapshot', 'cloning', 'removingSnapshot', 'done', 'skipped', 'failed']);
export const VmProgress = z.object({
  vm: z.string(),
  state: VmProgressState,
  disk: z.number().int().nullable(),
  percent: z.number().nullable(),
  outcome: z.string().nullable(),
});
export type VmProgress = z.infer<typeof VmProgress>;
