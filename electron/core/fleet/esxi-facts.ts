import type { Filesystem, NfsMount } from '../../../shared/model/datastore.ts';
import type { HostNames, HostVersion, SecureBootState, VmkInterface } from '../../../shared/model/host.ts';
import type { PowerState, VmDisk, VmInventoryEntry } from '../../../shared/model/vm.ts';
import type { VmOutcome } from '../../../shared/model/vm-outcome.ts';
import type { HostClock } from '../esxi/host-clock.ts';
import type { LockAssessment } from '../esxi/ghettovcb-lock.ts';
import type { VolumeEntry } from '../ghettovcb/layout/copies.ts';
import type { StepError } from './probe-shell.ts';

/**
 * What one read-only probe of an ESXi host found, as parsed data. Texts that Custode interprets (crontab,
 * local.sh, confs, VM lists) are kept as read, so the fleet view is always judged by the current rules; the
 * judgement itself happens in esxi-status.ts. Stored as JSON in the database (`schema` guards the shape).
 */
export const ESXI_FACTS_SCHEMA = 1;

export interface FileText {
  path: string;
  /** null: the file does not exist or could not be read. */
  text: string | null;
}

export interface ScriptFacts {
  kind: 'datastore' | 'vib';
  path: string;
  version: string | null;
}

export interface VmFacts {
  inventory: VmInventoryEntry;
  powerState: PowerState | null;
  /** Space the VM takes on its datastore (get.summary storage.committed). */
  committedBytes: number | null;
  /** Space the VM's thin disks may still grow into (get.summary storage.uncommitted); absent in older facts. */
  uncommittedBytes?: number | null;
  consolidationNeeded: boolean | null;
  /** From `vim-cmd vmsvc/snapshot.get`: every node of the tree; null when it could not be read. */
  snapshots: { name: string; created: string | null }[] | null;
  /** From the .vmx as ghettoVCB reads it; null when the file could not be read. */
  disks: VmDisk[] | null;
}

export interface VolumeFacts {
  /** VM_BACKUP_VOLUME as the conf names it. */
  path: string;
  /** Everything under it to the depth of a copy's files, paths relative to it. */
  entries: VolumeEntry[];
}

export interface LogFacts {
  path: string;
  mtimeMs: number;
  sizeBytes: number;
  /** Only the end of the file was read (it is larger than Custode reads). */
  truncated: boolean;
  startedAt: string | null;
  finalStatus: string | null;
  exitCode: number | null;
  aborted: boolean;
  scriptVersion: string | null;
  outcomes: { name: string; outcome: VmOutcome }[];
}

export interface EsxiFacts {
  schema: typeof ESXI_FACTS_SCHEMA;
  version: HostVersion | null;
  names: HostNames | null;
  interfaces: VmkInterface[];
  secureBoot: SecureBootState;
  execInstalledOnly: boolean | null;
  crontab: string | null;
  localSh: string | null;
  scripts: ScriptFacts[];
  confs: FileText[];
  vmLists: FileText[];
  mounts: NfsMount[];
  filesystems: Filesystem[];
  lock: LockAssessment | null;
  vms: VmFacts[];
  /** null when no conf names a backup volume or it could not be listed. */
  volume: VolumeFacts | null;
  lastLog: LogFacts | null;
  /**
   * The host's clock against Custode's, read in the probe's first command batch; null when `date` failed, absent in
   * facts stored before it was read (both: unknown, times are taken as they are). Optional, so no schema bump.
   */
  clock?: HostClock | null;
  errors: StepError[];
}
