import { cmd, type ShellCommand } from '../shell/command.ts';
import { unexpectedOutput } from './output.ts';
import { checkVmid } from './vmid.ts';
import { parseVmodl, vmodlGet, vmodlNumber, vmodlObjects, vmodlString, type VmodlObject } from './vmodl.ts';

/**
 * `vim-cmd vmsvc/get.config <vmid>` (A1.4), as far as the fleet view needs it: guest, hardware version, config
 * file, and the disks hostd sees (API disk modes use underscores: `independent_persistent`).
 */
export const vmConfigCommand = (vmid: string | number): ShellCommand => cmd('vim-cmd', 'vmsvc/get.config', checkVmid(vmid));

export interface ConfigDisk {
  key: number | null;
  label: string | null;
  fileName: string | null;
  diskMode: string | null;
  controllerKey: number | null;
  unitNumber: number | null;
  capacityBytes: number | null;
  /** The disk's backing has a parent: it currently writes to a snapshot delta. */
  onSnapshot: boolean;
}

export interface VmConfig {
  name: string;
  guestId: string | null;
  guestFullName: string | null;
  hwVersion: string | null;
  vmPathName: string | null;
  snapshotDirectory: string | null;
  memoryMb: number | null;
  numCpu: number | null;
  disks: ConfigDisk[];
  unknownLines: string[];
}

function disk(d: VmodlObject): ConfigDisk {
  const kb = vmodlNumber(vmodlGet(d, 'capacityInKB'));
  const parent = vmodlGet(d, 'backing.parent');
  return {
    key: vmodlNumber(vmodlGet(d, 'key')),
    label: vmodlString(vmodlGet(d, 'deviceInfo.label')),
    fileName: vmodlString(vmodlGet(d, 'backing.fileName')),
    diskMode: vmodlString(vmodlGet(d, 'backing.diskMode')),
    controllerKey: vmodlNumber(vmodlGet(d, 'controllerKey')),
    unitNumber: vmodlNumber(vmodlGet(d, 'unitNumber')),
    capacityBytes: vmodlNumber(vmodlGet(d, 'capacityInBytes')) ?? (kb === null ? null : kb * 1024),
    onSnapshot: parent !== null && parent !== undefined,
  };
}

export function parseVmConfig(text: string): VmConfig {
  const command = 'vim-cmd vmsvc/get.config';
  const doc = parseVmodl(text, command);
  const root = doc.root;
  const name = vmodlString(vmodlGet(root, 'name'));
  if (root.kind !== 'object' || name === null) throw unexpectedOutput(command, text, 'no name');
  return {
    name,
    guestId: vmodlString(vmodlGet(root, 'guestId')),
    guestFullName: vmodlString(vmodlGet(root, 'guestFullName')),
    hwVersion: vmodlString(vmodlGet(root, 'version')),
    vmPathName: vmodlString(vmodlGet(root, 'files.vmPathName')),
    snapshotDirectory: vmodlString(vmodlGet(root, 'files.snapshotDirectory')),
    memoryMb: vmodlNumber(vmodlGet(root, 'hardware.memoryMB')),
    numCpu: vmodlNumber(vmodlGet(root, 'hardware.numCPU')),
    disks: vmodlObjects(vmodlGet(root, 'hardware.device'))
      .filter((d) => d.type === 'vim.vm.device.VirtualDisk')
      .map(disk),
    unknownLines: doc.unknownLines,
  };
}
