import { parseFilesystems, filesystemListCommand } from '../esxi/filesystems.ts';
import { assessLock, lockProbeCommand, parseLockProbe, DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { getAllVmsCommand, parseGetAllVms } from '../esxi/getallvms.ts';
import { readCrontabCommand, readFileCommand, readLocalShCommand } from '../esxi/host-files.ts';
import { hostClock, hostClockCommand, parseHostClock } from '../esxi/host-clock.ts';
import { hostnameCommand, ipv4InterfacesCommand, parseHostname, parseIpv4Interfaces } from '../esxi/host-identity.ts';
import { execInstalledOnlyCommand, parseExecInstalledOnly, parseSecureBoot, secureBootCommand } from '../esxi/host-security.ts';
import { parseVmwareVersion, vmwareVersionCommand } from '../esxi/host-version.ts';
import { nfs3ListCommand, nfs41ListCommand, parseNfs3List, parseNfs41List } from '../esxi/nfs-mounts.ts';
import { parseProcessList, processListCommand } from '../esxi/processes.ts';
import { flattenSnapshots, parseSnapshotTree, snapshotGetCommand } from '../esxi/snapshot-tree.ts';
import { parseVmSummary, vmSummaryCommand } from '../esxi/vm-summary.ts';
import { parseVmx } from '../esxi/vmx.ts';
import { toVolumePath } from '../esxi/datastore-path.ts';
import type { VmInventoryEntry } from '../../../shared/model/vm.ts';
import { sh } from '../shell/command.ts';
import { listBackupVolume } from './backup-volume.ts';
import { logLocation, scheduledRuns } from './cron-invocation.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts, type FileText, type ScriptFacts, type VmFacts } from './esxi-facts.ts';
import { effectiveConf } from './conf-reading.ts';
import { redactConf } from './conf-redaction.ts';
import { newestLog, readLastRun } from './newest-log.ts';
import { isConnectionFailure, stdoutOf, stepError, type ProbeShell, type StepError } from './probe-shell.ts';
import { SCRIPT_HEADER_LINES, scriptVersionFromHeader } from './script-version.ts';

/**
 * The read-only probe of one ESXi host: identity, schedule, ghettoVCB installs and confs, VMs with their snapshots
 * and disks, NFS datastores, the lock, the copies on the backup volume and the newest log. Every step that fails on
 * its own is recorded and the probe goes on; a lost connection ends it (the caller marks the host).
 */
export const VIB_SCRIPT = '/opt/ghettovcb/bin/ghettoVCB.sh';
export const VIB_CONF = '/opt/ghettovcb/ghettoVCB.conf';

class Steps {
  readonly errors: StepError[] = [];
  readonly #signal: AbortSignal;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
  }

  async try<T>(step: string, work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.#signal.aborted || isConnectionFailure(error)) throw error;
      this.errors.push(stepError(step, error));
      return fallback;
    }
  }
}

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

async function readText(shell: ProbeShell, path: string): Promise<string | null> {
  const result = await shell.run(readFileCommand(path));
  return result.exitCode === 0 ? result.stdout : null;
}

async function probeVm(shell: ProbeShell, steps: Steps, inventory: VmInventoryEntry): Promise<VmFacts> {
  const where = `vm ${inventory.vmid}`;
  const [summary, snapshots, disks] = await Promise.all([
    steps.try(`${where} summary`, async () => parseVmSummary(stdoutOf(await shell.run(vmSummaryCommand(inventory.vmid)), 'get.summary')), null),
    steps.try(
      `${where} snapshots`,
      async () => flattenSnapshots(parseSnapshotTree(stdoutOf(await shell.run(snapshotGetCommand(inventory.vmid)), 'snapshot.get')).roots).map((n) => ({ name: n.name, created: n.created })),
      null,
    ),
    steps.try(
      `${where} vmx`,
      async () => {
        const path = toVolumePath({ datastore: inventory.datastore, path: inventory.vmxPath });
        return parseVmx(stdoutOf(await shell.run(readFileCommand(path)), 'cat vmx')).disks;
      },
      null,
    ),
  ]);
  const power = summary?.powerState;
  return {
    inventory,
    powerState: power === 'poweredOn' || power === 'poweredOff' || power === 'suspended' ? power : null,
    committedBytes: summary?.committedBytes ?? null,
    uncommittedBytes: summary?.uncommittedBytes ?? null,
    consolidationNeeded: summary?.consolidationNeeded ?? null,
    snapshots,
    disks,
  };
}

export async function probeEsxi(shell: ProbeShell, signal: AbortSignal): Promise<EsxiFacts> {
  const steps = new Steps(signal);
  const out = (step: string, command: Parameters<ProbeShell['run']>[0]) => async () => stdoutOf(await shell.run(command), step);

  const [clock, version, names, interfaces, secureBoot, execInstalledOnly, crontab, localSh, inventory, nfs41, nfs3, filesystems, lock] = await Promise.all([
    // In the first batch with the rest, so reading the clock costs no round trip; the batch's span bounds the error.
    steps.try('clock', async () => {
      const sentAt = Date.now();
      const text = await out('date', hostClockCommand())();
      return hostClock(parseHostClock(text), sentAt, Date.now());
    }, null),
    steps.try('version', async () => parseVmwareVersion(await out('vmware -v', vmwareVersionCommand())()), null),
    steps.try('hostname', async () => parseHostname(await out('hostname', hostnameCommand())()), null),
    steps.try('interfaces', async () => parseIpv4Interfaces(await out('ipv4', ipv4InterfacesCommand())()), []),
    steps.try('secureBoot', async () => parseSecureBoot((await shell.run(secureBootCommand())).stdout), 'unknown' as const),
    steps.try('execInstalledOnly', async () => {
      const r = await shell.run(execInstalledOnlyCommand());
      return parseExecInstalledOnly(r.stdout + r.stderr);
    }, null),
    steps.try('crontab', out('crontab', readCrontabCommand()), null),
    steps.try('local.sh', async () => {
      const r = await shell.run(readLocalShCommand());
      return r.exitCode === 0 ? r.stdout : null;
    }, null),
    steps.try('inventory', async () => {
      const r = await shell.run(getAllVmsCommand());
      return parseGetAllVms(stdoutOf(r, 'getallvms'), r.stderr).vms;
    }, null),
    steps.try('nfs41', async () => parseNfs41List(await out('nfs41 list', nfs41ListCommand())()), []),
    steps.try('nfs3', async () => parseNfs3List(await out('nfs list', nfs3ListCommand())()), []),
    steps.try('filesystems', async () => parseFilesystems(await out('filesystem list', filesystemListCommand())()), []),
    steps.try('lock', async () => {
      const [probe, ps] = await Promise.all([shell.run(lockProbeCommand(DEFAULT_WORKDIR)), shell.run(processListCommand())]);
      return assessLock(parseLockProbe(probe.stdout), parseProcessList(ps.stdout), DEFAULT_WORKDIR);
    }, null),
  ]);

  const runs = crontab === null ? [] : scheduledRuns(crontab);
  const scriptPaths = [...new Set([...runs.map((r) => r.invocation.script).filter((p) => p.startsWith('/')), VIB_SCRIPT])];
  // The installs' headers, the confs and lists, and the VMs in one wave: the conf beside each candidate install is read
  // with its header and kept only when the install is there (what a run without -g would use).
  const besideInstall = (path: string): string => (path === VIB_SCRIPT ? VIB_CONF : `${dirOf(path)}/ghettoVCB.conf`);
  const named = new Set<string>(runs.flatMap((r) => (r.invocation.globalConf ? [r.invocation.globalConf] : [])));
  const confPaths = new Set<string>([...named, ...scriptPaths.map(besideInstall)]);
  const listPaths = new Set<string>(runs.flatMap((r) => [r.invocation.vmList, r.invocation.exclusionList].filter((p): p is string => p !== null)));
  const readAll = (paths: Set<string>, what: string, keep = (text: string) => text): Promise<FileText[]> =>
    Promise.all([...paths].map(async (path) => {
      const text = await steps.try(`${what} ${path}`, () => readText(shell, path), null);
      return { path, text: text === null ? null : keep(text) };
    }));
  const [found, allConfs, vmLists, vms] = await Promise.all([
    Promise.all(
      scriptPaths.map((path) =>
        steps.try(`script ${path}`, async (): Promise<ScriptFacts | null> => {
          const r = await shell.run(sh`head -n ${SCRIPT_HEADER_LINES} ${path}`);
          if (r.exitCode !== 0) return null;
          return { kind: path === VIB_SCRIPT ? 'vib' : 'datastore', path, version: scriptVersionFromHeader(r.stdout) };
        }, null),
      ),
    ),
    // Secret values (EMAIL_USER_PASSWORD…) are hidden as soon as they are read: never stored, logged or shown.
    readAll(confPaths, 'conf', redactConf),
    readAll(listPaths, 'vm list'),
    Promise.all((inventory ?? []).map((vm) => probeVm(shell, steps, vm))),
  ]);
  const scripts = found.filter((s): s is ScriptFacts => s !== null);
  const wanted = new Set<string>([...named, ...scripts.map((s) => besideInstall(s.path))]);
  const confs = allConfs.filter((c) => wanted.has(c.path));

  const facts: EsxiFacts = {
    schema: ESXI_FACTS_SCHEMA,
    version,
    names,
    interfaces,
    secureBoot,
    execInstalledOnly,
    crontab,
    localSh,
    scripts,
    confs,
    vmLists,
    mounts: [...nfs41, ...nfs3],
    filesystems,
    lock,
    vms,
    volume: null,
    lastLog: null,
    clock,
    errors: steps.errors,
  };
  if (inventory === null) return facts;

  const primary = runs[0];
  const confText = primary?.invocation.globalConf ? confs.find((c) => c.path === primary.invocation.globalConf)?.text ?? null : null;
  const volume = primary ? effectiveConf(confText).get('VM_BACKUP_VOLUME') ?? null : null;
  if (volume === null || !volume.startsWith('/vmfs/volumes/')) return facts;
  const listing = await steps.try('backup volume', () => listBackupVolume(shell, volume), null);
  if (listing !== null) facts.volume = { path: volume, entries: listing.entries };

  const logPath = primary!.invocation.logFile ?? primary!.invocation.stdoutTarget;
  const location = logPath === null ? null : logLocation(logPath);
  if (location === null) return facts;
  const sameDir = location.dir.replace(/\/+$/, '') === volume.replace(/\/+$/, '');
  const dirListing = sameDir && listing !== null ? listing.root : await steps.try('log folder', () => shell.list(location.dir), null);
  const newest = dirListing === null ? null : newestLog(dirListing, location.matches);
  if (newest !== null) facts.lastLog = await steps.try('newest log', () => readLastRun(shell, location.dir, newest), null);
  return facts;
}
