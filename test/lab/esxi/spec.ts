// What a topology asks of one simulated ESXi host. Everything optional has a realistic default.

export type PowerState = 'on' | 'off' | 'suspended';
export type DiskMode = 'persistent' | 'independent-persistent' | 'independent-nonpersistent';
export type SnapshotFormat = 'delta' | 'sesparse';

export interface DiskSpec {
  sizeMB: number;
  mode?: DiskMode;
  /** Datastore holding the disk when it differs from the VM's (the .vmx then carries an absolute path). */
  datastore?: string;
}

export interface SnapshotSpec {
  name: string;
  description?: string;
}

export interface VmSpec {
  name: string;
  datastore?: string;
  guestId?: string;
  hwVersion?: number;
  power?: PowerState;
  memoryMB?: number;
  numCpu?: number;
  annotation?: string;
  disks?: DiskSpec[];
  snapshots?: SnapshotSpec[];
  /** vmfsSparse '-delta.vmdk' (seen by ghettoVCB) or SEsparse '-sesparse.vmdk' (missed by it). */
  snapshotFormat?: SnapshotFormat;
  tools?: boolean;
}

export interface DatastoreSpec {
  name: string;
  type?: 'VMFS-5' | 'VMFS-6';
  capacityGB?: number;
}

export interface NasSpec {
  /** NAS identity IP as ESXi sees it (esxcli -H). */
  ip: string;
  /** Part A's NAS state file. */
  statePath: string;
  /** Export to mount at provisioning (NFS 4.1), e.g. /mnt/UniventionBackup/ESXI_VM_backups/ESXI_10.0.0.8 */
  exportPath?: string;
  /** Datastore name of that mount; default VM_backup_<ip>. */
  volumeName?: string;
}

export interface HostSpec {
  hostname: string;
  /** Identity (vmkernel) IP, e.g. 10.0.0.8: what the NAS ACL sees. */
  ip: string;
  version?: string;
  build?: string;
  update?: number;
  secureBoot?: boolean;
  execInstalledOnly?: boolean;
  datastores?: DatastoreSpec[];
  vms?: VmSpec[];
  nas?: NasSpec;
  ghettovcb?: { install?: 'datastore' | 'vib' | 'both' | 'none'; scriptPath?: string; cron?: boolean };
  /** Repo checkout and Node 24 binary the command wrappers use; default: this checkout. */
  repoDir?: string;
  nodePath?: string;
}
