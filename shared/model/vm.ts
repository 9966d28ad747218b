import { z } from 'zod';
import { SnapshotNode } from './snapshot.ts';

/** A row of `vim-cmd vmsvc/getallvms`. Vmids stay strings: ESXi sorts and prints them as strings. */
export const VmInventoryEntry = z.object({
  vmid: z.string().regex(/^\d+$/),
  name: z.string(),
  /** The File column as printed: `[datastore] folder/name.vmx`. */
  file: z.string(),
  datastore: z.string(),
  vmxPath: z.string(),
  guestId: z.string(),
  hwVersion: z.string(),
  annotation: z.string(),
});
export type VmInventoryEntry = z.infer<typeof VmInventoryEntry>;

export const PowerState = z.enum(['poweredOn', 'poweredOff', 'suspended']);
export type PowerState = z.infer<typeof PowerState>;

/** What ghettoVCB does with a disk line of the .vmx (ghettovcb.md 9.10). */
export const DiskBackupDecision = z.enum(['backup', 'independent', 'notPresent', 'notADisk']);
export type DiskBackupDecision = z.infer<typeof DiskBackupDecision>;

export const DiskMode = z.enum(['persistent', 'independent-persistent', 'independent-nonpersistent', 'nonpersistent', 'undoable', 'other']);
export type DiskMode = z.infer<typeof DiskMode>;

export const VmDisk = z.object({
  /** The .vmx key prefix, e.g. `scsi0:1`. */
  key: z.string(),
  bus: z.enum(['scsi', 'ide', 'sata', 'nvme']),
  /** The controller key, e.g. `scsi0`. */
  controller: z.string(),
  unit: z.number().int().nullable(),
  fileName: z.string(),
  absolute: z.boolean(),
  present: z.boolean(),
  mode: DiskMode,
  modeText: z.string().nullable(),
  deviceType: z.string().nullable(),
  /** From the mapping file's name only; the descriptor's createType is the proof. */
  rdmHint: z.enum(['physical', 'virtual']).nullable(),
  ghettoVcb: DiskBackupDecision,
});
export type VmDisk = z.infer<typeof VmDisk>;

export const Vm = z.object({
  hostAddress: z.string(),
  inventory: VmInventoryEntry,
  powerState: PowerState.nullable(),
  snapshots: z.array(SnapshotNode).nullable(),
  disks: z.array(VmDisk).nullable(),
});
export type Vm = z.infer<typeof Vm>;
