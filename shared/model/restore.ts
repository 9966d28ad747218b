import { z } from 'zod';
import { Verdict } from './backup.ts';

/**
 * Restoring a VM from a ghettoVCB copy on the NAS share onto a chosen ESXi host: the copies found for a VM, the
 * checks made before anything is written (each go/warn/block with why and what to do), and what a restore left.
 */
export const DISK_FORMATS = ['thin', 'zeroedthick', 'eagerzeroedthick', '2gbsparse'] as const;
export const RestoreDiskFormat = z.enum(DISK_FORMATS);
export type RestoreDiskFormat = z.infer<typeof RestoreDiskFormat>;

export const CopyStatus = z.enum(['ok', 'warn', 'error', 'unknown']);

/** One copy folder of a VM, as read from the share now (or, when nothing can read the share, from the last probe). */
export const RestoreCopy = z.object({
  vm: z.string(),
  /** The folder's name, e.g. `web01-2025-11-02_01-00-01`. */
  folder: z.string(),
  /** The folder as the host that read it sees it: `/vmfs/volumes/<ds>/…/<folder>`. */
  path: z.string(),
  /** The copy's time as its name states it (the host's clock, UTC), else the folder's modification time. */
  takenAt: z.number(),
  ageMs: z.number(),
  sizeBytes: z.number(),
  status: CopyStatus,
  statusText: z.string().nullable(),
  compressed: z.boolean(),
  /** A copy that is not `ok` is restored only with an explicit override; this says what may be missing. */
  overrideNeeded: z.string().nullable(),
});
export type RestoreCopy = z.infer<typeof RestoreCopy>;

export const CopyListing = z.object({
  vm: z.string(),
  /** The host whose copies these are (the VM's host when the backups were made). */
  sourceHost: z.string(),
  /** Who read the share: an ESXi host that mounts it, or the NAS itself; null when only the last probe told. */
  readBy: z.string().nullable(),
  /** When only the last probe's listing was available (nothing could read the share now). */
  asOfProbe: z.number().nullable(),
  copies: z.array(RestoreCopy),
});
export type CopyListing = z.infer<typeof CopyListing>;

export const RESTORE_CHECKS = ['copy', 'name', 'folder', 'datastore', 'space', 'format', 'hardware', 'nvram', 'controllers', 'network', 'share', 'independent', 'method'] as const;
export const RestoreCheckId = z.enum(RESTORE_CHECKS);
export type RestoreCheckId = z.infer<typeof RestoreCheckId>;

export const RestoreCheck = z.object({
  check: RestoreCheckId,
  verdict: Verdict,
  /** An i18n key (shared/i18n/restore.ts) saying what was found, why it matters and what to do. */
  code: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RestoreCheck = z.infer<typeof RestoreCheck>;

/** One disk of the copy and where it lands. */
export const RestoreDisk = z.object({
  /** The .vmx key, e.g. `scsi0:0`. */
  key: z.string(),
  source: z.string(),
  target: z.string(),
  provisionedBytes: z.number(),
  usedBytes: z.number().nullable(),
});
export type RestoreDisk = z.infer<typeof RestoreDisk>;

export const RestoreMethod = z.enum(['native', 'ghettovcb']);
export type RestoreMethod = z.infer<typeof RestoreMethod>;

export const RestoreRequest = z.object({
  vm: z.string().min(1).max(1000),
  fromHostId: z.string().min(1).max(200).optional(),
  /** `latest` or a copy folder's name. */
  copy: z.string().min(1).max(1000).default('latest'),
  toHostId: z.string().min(1).max(200),
  datastore: z.string().min(1).max(1000),
  name: z.string().max(1000),
  format: RestoreDiskFormat.default('thin'),
  powerOn: z.boolean().default(false),
  /** The user says the original VM is gone: ESXi's "moved or copied" question at power-on is answered "moved" (same UUID and MACs), else "copied". */
  originalGone: z.boolean().default(false),
  /** Restore a copy marked error/partial (or unmarked) anyway; the check then says what may be missing. */
  allowBadCopy: z.boolean().default(false),
  /** `auto`: the host's ghettoVCB-restore.sh when it is installed and can carry the names, else natively. */
  method: z.enum(['auto', 'native', 'ghettovcb']).default('auto'),
});
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export const RestorePlanView = z.object({
  planId: z.string(),
  vm: z.string(),
  sourceHost: z.string(),
  targetHost: z.string(),
  copy: RestoreCopy,
  /** The copy folder as the target host reads it (null when it cannot). */
  copyOnTarget: z.string().nullable(),
  targetFolder: z.string(),
  vmxPath: z.string(),
  name: z.string(),
  format: RestoreDiskFormat,
  method: RestoreMethod,
  disks: z.array(RestoreDisk),
  checks: z.array(RestoreCheck),
  verdict: Verdict,
  /**
   * The temporary access to the copy's share the restore opens first and closes after it (the NAS's export widened
   * for the target, a read-only datastore): the datastore, the NAS and the exact commands; null when none is needed.
   */
  access: z.object({ datastore: z.string(), nas: z.string(), commands: z.array(z.string()) }).nullable(),
});
export type RestorePlanView = z.infer<typeof RestorePlanView>;

export const RestoreResult = z.object({
  name: z.string(),
  targetHost: z.string(),
  vmid: z.string(),
  vmxPath: z.string(),
  method: RestoreMethod,
  disks: z.array(RestoreDisk),
  poweredOn: z.boolean(),
  operationId: z.string(),
  /** Every path this restore created on the target. */
  created: z.array(z.string()),
  /**
   * Why the temporary access to another host's share (a cross-host restore) could not be closed after the restore
   * succeeded: the restore stands, the access stays listed in the Restore section to close once the machine answers.
   */
  accessLeftOpen: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

/** After a failed or cancelled restore: what it had created and removed, and what it could not remove. */
export const RestoreCleanup = z.object({
  unregistered: z.string().nullable(),
  removed: z.array(z.string()),
  notRemoved: z.array(z.string()),
});
export type RestoreCleanup = z.infer<typeof RestoreCleanup>;

export const RestoreProgress = z.object({
  jobId: z.string(),
  /** 0-based disk at work; null for the steps around the disks. */
  disk: z.number().int().nullable(),
  disks: z.number().int(),
  file: z.string().nullable(),
  state: z.enum(['preparing', 'cloning', 'cloned', 'registering', 'verifying', 'poweringOn', 'cleaning', 'done']),
  /** While a disk is cloned natively: its files' space on the target against what it needs there (never 100). */
  percent: z.number().int().min(0).max(100).nullable(),
});
export type RestoreProgress = z.infer<typeof RestoreProgress>;

/** How a restore job ended, with what its cleanup removed (a cancelled job's own error carries no details). */
export const RestoreEnded = z.object({
  jobId: z.string(),
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  result: RestoreResult.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  cleanup: RestoreCleanup.nullable(),
});
export type RestoreEnded = z.infer<typeof RestoreEnded>;
