import { AppError } from '../../../shared/errors/app-error.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

/**
 * The call point where a restored VM is powered on. For now a plain `vim-cmd vmsvc/power.on`: ESXi's "moved or
 * copied" question (asked on the first power-on of a VM whose files moved) is not answered here; the power-on that
 * answers it (electron/core/esxi/vm-message.ts) replaces this function's body.
 */
export async function powerOnRestored(ssh: SshService, hostId: string, vmid: string, signal: AbortSignal): Promise<void> {
  const result = await ssh.run(hostId, cmd('vim-cmd', 'vmsvc/power.on', vmid), { signal, timeoutMs: 120_000 });
  if (result.exitCode !== 0) throw new AppError('restore.powerOnFailed', `The restored VM (id ${vmid}) did not power on: ${(result.stdout + result.stderr).trim()}`, { vmid });
}
