import type { PowerState } from '../../../shared/model/vm.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import { splitLines, throwIfVimFault, unexpectedOutput } from './output.ts';
import { checkVmid } from './vmid.ts';

/** `vim-cmd vmsvc/power.getstate <vmid>`: `Retrieved runtime info` then the state; ghettoVCB reads the last line. */
export const powerStateCommand = (vmid: string | number): ShellCommand => cmd('vim-cmd', 'vmsvc/power.getstate', checkVmid(vmid));

const STATES: Record<string, PowerState> = { 'powered on': 'poweredOn', 'powered off': 'poweredOff', suspended: 'suspended' };

export function parsePowerState(text: string): PowerState {
  const command = 'vim-cmd vmsvc/power.getstate';
  throwIfVimFault(command, text);
  const last = splitLines(text).filter((l) => l.trim() !== '').pop()?.trim().toLowerCase() ?? '';
  const state = STATES[last];
  if (state === undefined) throw unexpectedOutput(command, text, 'unknown power state');
  return state;
}
