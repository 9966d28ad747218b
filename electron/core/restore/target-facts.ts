import { AppError } from '../../../shared/errors/app-error.ts';
import type { Datastore, NfsMount } from '../../../shared/model/datastore.ts';
import type { HostVersion } from '../../../shared/model/host.ts';
import { datastoreSummaryCommand, parseDatastoreSummaries } from '../esxi/datastores.ts';
import { parseEsxcliTable } from '../esxi/esxcli-table.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import { parseVmwareVersion, vmwareVersionCommand } from '../esxi/host-version.ts';
import { nfs3ListCommand, nfs41ListCommand, parseNfs3List, parseNfs41List } from '../esxi/nfs-mounts.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';

const TIMEOUT_MS = 30_000;

export const portGroupsCommand = (): ShellCommand => cmd('esxcli', 'network', 'vswitch', 'standard', 'portgroup', 'list');

/** The port groups' names from `esxcli network vswitch standard portgroup list` (an esxcli table, A2.1). */
export function parsePortGroups(text: string): string[] {
  return parseEsxcliTable(text, 'esxcli network vswitch standard portgroup list').rows.map((r) => r['Name'] ?? '').filter((n) => n !== '');
}

/** The target host as the checks need it, read now (nothing written). */
export interface TargetFacts {
  version: HostVersion | null;
  datastores: Datastore[];
  registeredNames: string[];
  mounts: NfsMount[];
  portGroups: string[] | null;
  folderExists: boolean;
  /** ghettoVCB-restore.sh when it is installed beside the host's ghettoVCB.sh. */
  restoreScript: string | null;
}

export async function readTargetFacts(ssh: SshService, hostId: string, folder: string, scriptCandidates: readonly string[], signal: AbortSignal): Promise<TargetFacts> {
  const run = (c: ShellCommand) => ssh.run(hostId, c, { signal, timeoutMs: TIMEOUT_MS });
  const [vms, summaries, version, nfs3, nfs41, groups, folderTest] = await Promise.all([
    run(getAllVmsCommand()),
    run(datastoreSummaryCommand()),
    run(vmwareVersionCommand()),
    run(nfs3ListCommand()),
    run(nfs41ListCommand()),
    run(portGroupsCommand()),
    run(cmd('test', '-e', folder)),
  ]);
  for (const [what, r] of [['vim-cmd vmsvc/getallvms', vms], ['vim-cmd hostsvc/datastore/listsummary', summaries]] as const) {
    if (r.exitCode !== 0) throw new AppError('restore.targetUnreadable', `${what} failed on the target (exit ${r.exitCode ?? 'signal'}): ${(r.stderr || r.stdout).trim()}`, { command: what });
  }
  let restoreScript: string | null = null;
  for (const candidate of scriptCandidates) {
    if ((await run(cmd('test', '-f', candidate))).exitCode === 0) {
      restoreScript = candidate;
      break;
    }
  }
  const safe = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  return {
    version: version.exitCode === 0 ? safe(() => parseVmwareVersion(version.stdout), null) : null,
    datastores: parseDatastoreSummaries(summaries.stdout).datastores,
    registeredNames: parseGetAllVms(vms.stdout, vms.stderr).vms.map((v) => v.name),
    mounts: [...(nfs3.exitCode === 0 ? safe(() => parseNfs3List(nfs3.stdout), []) : []), ...(nfs41.exitCode === 0 ? safe(() => parseNfs41List(nfs41.stdout), []) : [])],
    portGroups: groups.exitCode === 0 ? safe(() => parsePortGroups(groups.stdout), null) : null,
    folderExists: folderTest.exitCode === 0,
    restoreScript,
  };
}
