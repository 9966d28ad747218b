/**
 * What one ghettoVCB log file says, as data: a list of runs (ghettoVCB appends every run to its `-l` file).
 * Times are the host's clock as printed (`YYYY-MM-DD HH:MM:SS`, UTC on ESXi). Messages quoted in `reason`,
 * `error` and `failure.message` are the log's own English text; UI words come from i18n by `outcome`/kind.
 */

import { VM_OUTCOMES, type VmOutcome } from '../../../../shared/model/vm-outcome.ts';

export { VM_OUTCOMES, type VmOutcome };

/** Why a run stopped before it backed anything up (pre-flight refusals, section 3.2; early exits, 5.5). */
export const RUN_FAILURES = [
  'lock',
  'notRoot',
  'badVmList',
  'badExclusionList',
  'badConfigDir',
  'badGlobalConfig',
  'noVimCmd',
  'unsupportedVersion',
  'argumentCount',
  'optionMissingArgument',
  'unsafeWorkdir',
  'noBackupVolume',
  'badNfsBackupDir',
  'backupDirNotCreated',
] as const;
export type RunFailureKind = (typeof RUN_FAILURES)[number];

export interface LogDisk {
  /** Source VMDK as vmkfstools or the debug command line names it. */
  source: string | null;
  /** Destination VMDK (debug command line only). */
  destination: string | null;
  /** `Destination disk format: …` text, e.g. `VMFS thin-provisioned`. */
  format: string | null;
  /** Last `Clone: N% done.` value seen for this disk. */
  lastPercent: number | null;
  /** vmkfstools failure text (`Failed to clone disk: …`) or ghettoVCB's per-disk error line. */
  error: string | null;
  /** The number in parentheses at the end of a vmkfstools failure, e.g. 13 for "not enough space". */
  errorCode: number | null;
}

export interface DryrunDisk {
  name: string;
  sizeGb: number | null;
}

export interface DryrunInfo {
  vmId: string | null;
  vmxPath: string | null;
  datastore: string | null;
  disks: DryrunDisk[];
  independentDisks: DryrunDisk[];
  totalSizeGb: number | null;
  /** The block's verdict lines, e.g. `THIS VIRTUAL MACHINE WILL NOT BE BACKED UP DUE TO EXISTING SNAPSHOTS!`. */
  notes: string[];
}

export interface LogVm {
  name: string;
  outcome: VmOutcome;
  /** The log line (message part) that decided the outcome, or the first disk error for `error_vmdk`. */
  reason: string | null;
  /** 1-based line number of the first line about this VM. */
  line: number;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** Per-VM conf (`-c`) or the per-VM CONFIG dump printed before this VM. */
  configFile: string | null;
  config: Record<string, string> | null;
  snapshotName: string | null;
  snapshotRemoved: boolean;
  consolidatedSnapshots: boolean;
  powerOff: 'requested' | 'graceful' | 'hard' | 'failed' | null;
  poweredBackOn: boolean;
  compressed: boolean | null;
  disks: LogDisk[];
  /** Non-fatal findings: requested VMDK missing, physical RDM, rotation or NFS-hack failures. */
  warnings: string[];
  /** Copies rotation removed (timestamp mode `Removing …`, index mode `Deleted …`). */
  rotatedAway: string[];
  dryrun: DryrunInfo | null;
}

export interface StartupVm {
  name: string;
  poweredOn: boolean | null;
}

export interface UnrecognizedLine {
  line: number;
  text: string;
}

export interface LogRun {
  firstLine: number;
  lastLine: number;
  host: { hostname: string | null; version: string | null; level: string | null };
  startedAt: string | null;
  endedAt: string | null;
  /** `Logging output to "…"` (stdout captures) or `CONFIG - BACKUP_LOG_OUTPUT`. */
  logFile: string | null;
  workdir: string | null;
  globalConfigFile: string | null;
  /** The first CONFIG dump of the run, keys as printed (note `NFS_IO HACK_LOOP_MAX` with a space). */
  config: Record<string, string>;
  scriptVersion: string | null;
  pid: number | null;
  finalStatus: string | null;
  /** 0, 3–8 from the Final status; 1 for lock and pre-flight failures; null when the log does not say. */
  exitCode: number | null;
  /** No Final status and the run is over (the stream ended or another run began): killed, crashed, early exit. */
  aborted: boolean;
  dryrun: boolean;
  logStart: boolean;
  logEnd: boolean;
  failure: { kind: RunFailureKind; message: string } | null;
  vms: LogVm[];
  startupOrder: StartupVm[];
  flags: { vmOk: boolean; vmFailed: boolean; vmdkFailed: boolean } | null;
  /** E-mail problems, logged after the Final status and often after LOG END. */
  emailErrors: string[];
  /** Lines no template knows, kept (text capped) so nothing the log says is lost. */
  unrecognized: UnrecognizedLine[];
  unrecognizedCount: number;
  /** Lines longer than the parser's limit (1 Mi characters), parsed from their first part only. */
  linesCut: number;
}

export interface LogParseResult {
  runs: LogRun[];
}
