import type { VmDisk } from '../../../shared/model/vm.ts';
import { resolveVmxFileName } from '../esxi/datastore-path.ts';
import { parseVmdkDescriptor } from '../esxi/vmdk-descriptor.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

const TIMEOUT_MS = 15_000;

/**
 * The sizes of the disks a copy lacks (independent ones, never copied), read from their descriptors where the VM
 * still is on its own host. A host that is down or a VM that is gone leaves a size unknown (null): the check says
 * so rather than guessing.
 */
export async function missingDiskSizes(ssh: SshService, hostId: string, vmxPath: string | null, disks: readonly VmDisk[], signal: AbortSignal): Promise<Map<string, number | null>> {
  const sizes = new Map<string, number | null>(disks.map((d) => [d.key, null]));
  if (vmxPath === null) return sizes;
  for (const disk of disks) {
    try {
      const read = await ssh.run(hostId, cmd('cat', resolveVmxFileName(vmxPath, disk.fileName)), { signal, timeoutMs: TIMEOUT_MS });
      if (read.exitCode === 0) sizes.set(disk.key, parseVmdkDescriptor(read.stdout).sizeBytes);
    } catch {
      // The VM's host does not answer: every size stays unknown.
      break;
    }
  }
  return sizes;
}
