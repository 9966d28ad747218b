import { AppError } from '../../../shared/errors/app-error.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { diskPaths, diskSizesCommand, parseDiskSizes, vmDisks, type VmDisks } from './live-sizes.ts';

/**
 * The disks and sizes of a run's VMs (all the host's VMs when none was chosen), read once when following starts.
 * Without facts, or with the host not answering, the live view goes on without sizes (no bytes, no time left).
 */
export async function liveDisks(ssh: SshService, hostId: string, facts: EsxiFacts | null, requested: readonly string[], signal: AbortSignal): Promise<VmDisks[]> {
  if (facts === null) return [];
  const wanted = requested.length === 0 ? facts.vms : facts.vms.filter((v) => requested.includes(v.inventory.name));
  const vms = diskPaths(wanted);
  const paths = vms.flatMap((v) => v.disks);
  if (paths.length === 0) return vmDisks(vms, []);
  try {
    const out = await ssh.run(hostId, diskSizesCommand(paths), { signal, timeoutMs: 30_000 });
    return vmDisks(vms, parseDiskSizes(out.stdout, paths.length));
  } catch (error) {
    if (signal.aborted || !(error instanceof AppError && error.code.startsWith('ssh.'))) throw error;
    return vmDisks(vms, []);
  }
}
