import { cmd, type ShellCommand } from '../shell/command.ts';
import { unexpectedOutput } from './output.ts';
import { checkVmid } from './vmid.ts';
import { parseVmodl, vmodlBoolean, vmodlGet, vmodlNumber, vmodlString } from './vmodl.ts';

/**
 * `vim-cmd vmsvc/get.summary <vmid>` (A1.4), only what the fleet view needs: the guest, the space the VM takes,
 * its config file, and `consolidationNeeded` (disks left behind by a failed snapshot removal).
 */
export const vmSummaryCommand = (vmid: string | number): ShellCommand => cmd('vim-cmd', 'vmsvc/get.summary', checkVmid(vmid));

export interface VmSummary {
  name: string;
  vmPathName: string | null;
  guestId: string | null;
  guestFullName: string | null;
  annotation: string | null;
  powerState: string | null;
  consolidationNeeded: boolean | null;
  memorySizeMb: number | null;
  numCpu: number | null;
  numVirtualDisks: number | null;
  committedBytes: number | null;
  uncommittedBytes: number | null;
  toolsStatus: string | null;
  toolsRunningStatus: string | null;
  uptimeSeconds: number | null;
  unknownLines: string[];
}

export function parseVmSummary(text: string): VmSummary {
  const command = 'vim-cmd vmsvc/get.summary';
  const doc = parseVmodl(text, command);
  const root = doc.root;
  const name = vmodlString(vmodlGet(root, 'config.name'));
  if (root.kind !== 'object' || name === null) throw unexpectedOutput(command, text, 'no config.name');
  return {
    name,
    vmPathName: vmodlString(vmodlGet(root, 'config.vmPathName')),
    guestId: vmodlString(vmodlGet(root, 'config.guestId')) ?? vmodlString(vmodlGet(root, 'guest.guestId')),
    guestFullName: vmodlString(vmodlGet(root, 'config.guestFullName')) ?? vmodlString(vmodlGet(root, 'guest.guestFullName')),
    annotation: vmodlString(vmodlGet(root, 'config.annotation')),
    powerState: vmodlString(vmodlGet(root, 'runtime.powerState')),
    consolidationNeeded: vmodlBoolean(vmodlGet(root, 'runtime.consolidationNeeded')),
    memorySizeMb: vmodlNumber(vmodlGet(root, 'config.memorySizeMB')),
    numCpu: vmodlNumber(vmodlGet(root, 'config.numCpu')),
    numVirtualDisks: vmodlNumber(vmodlGet(root, 'config.numVirtualDisks')),
    committedBytes: vmodlNumber(vmodlGet(root, 'storage.committed')),
    uncommittedBytes: vmodlNumber(vmodlGet(root, 'storage.uncommitted')),
    toolsStatus: vmodlString(vmodlGet(root, 'guest.toolsStatus')),
    toolsRunningStatus: vmodlString(vmodlGet(root, 'guest.toolsRunningStatus')),
    uptimeSeconds: vmodlNumber(vmodlGet(root, 'quickStats.uptimeSeconds')),
    unknownLines: doc.unknownLines,
  };
}
