import { AppError } from '../../../shared/errors/app-error.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { cloneFiles } from './created-files.ts';
import type { RestoreSpec } from './plan-restore.ts';

const TIMEOUT_MS = 60_000;

/**
 * A restore is done when ESXi lists the VM at its new .vmx (getallvms) and each restored disk is whole: its
 * descriptor opens (`vmkfstools -e`), and its data file is as long as the copy's disk. Returns the VM's id.
 */
export async function verifyRestored(ssh: SshService, spec: RestoreSpec, signal: AbortSignal): Promise<string> {
  const { hostId } = spec.target;
  const inventory = parseGetAllVms((await ssh.run(hostId, getAllVmsCommand(), { signal, timeoutMs: TIMEOUT_MS })).stdout);
  const datastore = spec.datastorePath.slice('/vmfs/volumes/'.length);
  const vmxIn = spec.vmx.slice(spec.datastorePath.length + 1);
  const vm = inventory.vms.find((v) => v.datastore === datastore && v.vmxPath === vmxIn);
  if (vm === undefined) throw new AppError('restore.notRegistered', `${spec.vmx} is not in the host's inventory after the restore`, { vmx: spec.vmx });
  for (const disk of spec.disks) {
    const chain = await ssh.run(hostId, cmd('vmkfstools', '-e', disk.target), { signal, timeoutMs: TIMEOUT_MS });
    if (chain.exitCode !== 0) throw new AppError('restore.diskBroken', `The restored disk ${disk.target} does not open: ${(chain.stdout + chain.stderr).trim()}`, { disk: disk.target });
    if (spec.format === '2gbsparse') continue;
    const flat = cloneFiles(disk.target, spec.format, disk.provisionedBytes)[1]!;
    const stat = await ssh.stat(hostId, flat, { signal, timeoutMs: TIMEOUT_MS });
    if (stat === null || stat.size !== disk.provisionedBytes) {
      throw new AppError('restore.diskShort', `The restored disk ${flat} holds ${stat?.size ?? 0} bytes, the copy's ${disk.provisionedBytes}`, { disk: flat, size: stat?.size ?? 0, expected: disk.provisionedBytes });
    }
  }
  return vm.vmid;
}
