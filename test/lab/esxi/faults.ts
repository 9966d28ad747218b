// Host-level faults and reboot support, applied from outside on the host's private tree (lab-contract.md).
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import { nowSeconds } from './clock.ts';
import { BOOTBANK, PERSISTED } from './commands/host-info.ts';
import { installVib, VIB_DIR } from './ghettovcb-install.ts';
import { defaultCrontab as crontabFor, localSh } from './host-files.ts';
import { unmountNfs } from './nfs.ts';
import { hostPath, VOLUMES } from './paths.ts';
import { buildFor } from './provision.ts';
import { readHostState, updateHostState } from './state.ts';
import { consolidateOrphans, needsConsolidation, orphanRedoLogs, snapshotCreate } from './vm.ts';
import type { HostState, VmRecord } from './state.ts';
import type { AdaptertypeHelp } from './vmkfstools-help.ts';

/** Milliseconds per `Clone: N%` step while on (101 steps per disk): long enough to watch and to cancel. */
export const SLOW_CLONE_MS = 150;

export function slowClone(hostFs: string, on: boolean | number): void {
  updateHostState(hostFs, (s) => {
    s.faults.cloneDelayMs = on === true ? SLOW_CLONE_MS : on === false ? 0 : on;
  });
}

/** How this host's `vmkfstools -h` shows --adaptertype (null: as its release does). */
export function setAdaptertypeHelp(hostFs: string, mode: AdaptertypeHelp | null): void {
  updateHostState(hostFs, (s) => {
    s.faults.adaptertypeHelp = mode;
  });
}

/** A work dir left by a ghettoVCB killed with -9: the lock exists, its pid is dead, it is an hour old. */
export function staleLock(hostFs: string): void {
  const dir = hostPath(hostFs, '/tmp/ghettoVCB.work');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/pid`, '4194300\n');
  const past = new Date(Date.now() - 3600_000);
  utimesSync(`${dir}/pid`, past, past);
  utimesSync(dir, past, past);
}

/** A snapshot an admin forgot: ghettoVCB then skips the VM (ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0). */
export function addSnapshot(hostFs: string, vmName: string, snapshotName = 'prima-aggiornamento'): void {
  updateHostState(hostFs, (s) => {
    const vm = s.vms.find((v) => v.name === vmName);
    if (!vm) throw new Error(`no VM named ${vmName} on this host`);
    snapshotCreate(hostFs, vm, snapshotName, 'Snapshot before update', nowSeconds(s.clockOffset));
  });
}

function vmNamed(s: HostState, vmName: string): VmRecord {
  const vm = s.vms.find((v) => v.name === vmName);
  if (!vm) throw new AppError('lab.vmUnknown', `No VM named ${vmName} on ${s.identity.hostname}; its VMs: ${s.vms.map((v) => v.name).join(', ')}`, { vm: vmName });
  return vm;
}

/**
 * snapshot.create on the VM fails at once, or with `hang` is accepted and never completes (a stuck quiesce), so
 * ghettoVCB waits out SNAPSHOT_TIMEOUT either way; `off` clears it.
 */
export function snapshotFail(hostFs: string, vmName: string, mode?: 'hang' | 'off'): void {
  updateHostState(hostFs, (s) => {
    const vm = vmNamed(s, vmName);
    vm.faults = { ...vm.faults };
    if (mode === 'off') delete vm.faults.snapshot;
    else vm.faults.snapshot = mode === 'hang' ? 'hang' : 'fail';
  });
}

/** The guest ignores power.shutdown (the VM stays on until power.off); `off` clears it. */
export function powerOffHang(hostFs: string, vmName: string, mode?: 'off'): void {
  updateHostState(hostFs, (s) => {
    const vm = vmNamed(s, vmName);
    vm.faults = { ...vm.faults };
    if (mode === 'off') delete vm.faults.ignoresShutdown;
    else vm.faults.ignoresShutdown = true;
  });
}

/** The VM runs on redo logs no snapshot owns (consolidationNeeded = true); `off` consolidates them. */
export function consolidateNeeded(hostFs: string, vmName: string, mode?: 'off'): void {
  updateHostState(hostFs, (s) => {
    const vm = vmNamed(s, vmName);
    if (mode === 'off') consolidateOrphans(hostFs, vm);
    else if (!needsConsolidation(vm)) orphanRedoLogs(hostFs, vm, nowSeconds(s.clockOffset));
  });
}

/** e.g. '8.0.4' (outside ghettoVCB's whitelist): `vmware -v`, esxcli and the default crontab follow. */
export function setEsxiVersion(hostFs: string, version: string): void {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`ESXi version must look like X.Y.Z: ${version}`);
  const [build, update] = buildFor(version);
  updateHostState(hostFs, (s) => {
    s.identity.version = version;
    s.identity.build = build;
    s.identity.update = update;
  });
}

/**
 * A local datastore filled up by something else (ISOs, a forgotten VM's swap): every listing of it (esxcli storage
 * filesystem list, vim-cmd's summary) reports at most `freeBytes` free, `off` what its files leave again. Only the
 * reported space changes; the lab's files themselves are not refused.
 */
export function datastoreFull(hostFs: string, datastore: string, mode?: string): void {
  const free = mode === undefined || mode === 'on' ? 0 : mode === 'off' ? null : /^\d+$/.test(mode) ? Number(mode) : NaN;
  if (Number.isNaN(free)) throw new AppError('lab.faultArgument', `datastore-full takes a datastore and then on|off|BYTES, not ${mode}`, { fault: 'datastore-full', arg: mode ?? '' });
  updateHostState(hostFs, (s) => {
    const d = s.datastores.find((x) => x.name === datastore);
    if (!d) throw new AppError('lab.datastoreUnknown', `No local datastore named ${datastore} on ${s.identity.hostname}; its datastores: ${s.datastores.map((x) => x.name).join(', ')}`, { datastore });
    if (free === null) delete d.freeAtMost;
    else d.freeAtMost = free;
  });
}

export function setSecureBoot(hostFs: string, on: boolean): void {
  updateHostState(hostFs, (s) => {
    s.identity.secureBoot = on;
  });
}

export function secureBootOn(hostFs: string): boolean {
  return readHostState(hostFs).identity.secureBoot;
}

export function defaultCrontab(version = '8.0.3'): string {
  return crontabFor(version);
}

/**
 * What a reboot does to the host's files (call with the host stopped): /tmp is a RAM disk, the crontab is
 * regenerated, /etc files come back as auto-backup.sh last saved them, non-persistent NFS mounts and VIB script
 * edits are gone, VMs are off (no autostart). Returns whether the boot runs local.sh (not under Secure Boot).
 */
export function prepareReboot(hostFs: string): { runLocalSh: boolean } {
  const tmp = hostPath(hostFs, '/tmp');
  for (const entry of existsSync(tmp) ? readdirSync(tmp) : []) rmSync(`${tmp}/${entry}`, { recursive: true, force: true });
  const state = readHostState(hostFs);
  writeFileSync(hostPath(hostFs, '/var/spool/cron/crontabs/root'), crontabFor(state.identity.version));
  for (const f of PERSISTED) {
    const saved = hostPath(hostFs, `${BOOTBANK}${f}`);
    const live = hostPath(hostFs, f);
    mkdirSync(dirname(live), { recursive: true });
    if (existsSync(saved)) copyFileSync(saved, live);
    else if (f.endsWith('local.sh')) writeFileSync(live, localSh(null), { mode: 0o755 });
    else rmSync(live, { force: true });
  }
  updateHostState(hostFs, (s) => {
    for (const m of s.nfs.filter((n) => !n.persistent)) unmountNfs(hostFs, s, m.volume);
    for (const vm of s.vms) vm.power = 'off';
  });
  if (state.vibs.some((v) => v.name === 'ghettoVCB') && existsSync(hostPath(hostFs, VIB_DIR))) installVib(hostFs);
  if (!existsSync(hostPath(hostFs, VOLUMES))) mkdirSync(hostPath(hostFs, VOLUMES), { recursive: true });
  return { runLocalSh: !state.identity.secureBoot };
}
