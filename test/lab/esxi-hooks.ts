// Part B's ESXi functions as the lab calls them (lab-contract.md), loaded lazily so the infrastructure works while
// part B's modules land. Where a module is not there yet, a clearly temporary minimal stand-in keeps hosts bootable.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors/app-error.ts';
import type { HostSpec } from './esxi/spec.ts';
import { REPO_DIR } from './lab-paths.ts';

const ESXI_DIR = join(REPO_DIR, 'test', 'lab', 'esxi');

async function load<T>(file: string): Promise<Partial<T>> {
  const path = join(ESXI_DIR, file);
  if (!existsSync(path)) return {};
  return (await import(pathToFileURL(path).href)) as Partial<T>;
}

interface ProvisionModule {
  provisionHost(hostFs: string, spec: HostSpec): Promise<void>;
  seedHistory(hostFs: string, options: { days: number; nasStatePath: string }): Promise<void>;
}

interface FaultsModule {
  slowClone(hostFs: string, on: boolean): void | Promise<void>;
  staleLock(hostFs: string): void | Promise<void>;
  addSnapshot(hostFs: string, vmName: string): void | Promise<void>;
  setEsxiVersion(hostFs: string, version: string): void | Promise<void>;
  setSecureBoot(hostFs: string, on: boolean): void | Promise<void>;
  setAdaptertypeHelp(hostFs: string, mode: string | null): void | Promise<void>;
  snapshotFail(hostFs: string, vmName: string, mode?: 'hang' | 'off'): void;
  powerOffHang(hostFs: string, vmName: string, mode?: 'off'): void;
  consolidateNeeded(hostFs: string, vmName: string, mode?: 'off'): void;
  datastoreFull(hostFs: string, datastore: string, mode?: string): void;
  secureBootOn(hostFs: string): boolean;
  defaultCrontab(version?: string): string;
  prepareReboot(hostFs: string): void | Promise<void>;
}

// ESXi 7.0.3 / 8.0 default root crontab (reference A4.1); used only until part B's defaultCrontab() exists.
const FALLBACK_CRONTAB = `#min hour day mon dow command
1    1    *   *   *   /sbin/tmpwatch.py
1    *    *   *   *   /sbin/auto-backup.sh ++group=host/vim/vmvisor/backup.sh
0    *    *   *   *   /usr/lib/vmware/vmksummary/log-heartbeat.py
*/5  *    *   *   *   /bin/hostd-probe.sh ++group=host/vim/vmvisor/hostd-probe/stats/sh
00   1    *   *   *   localcli storage core device purge
*/10 *    *   *   *   /bin/crx-cli gc
`;

/** TEMPORARY until part B's provisionHost lands: the bare folders and the default crontab. */
function stubProvision(hostFs: string): void {
  for (const dir of ['vmfs/volumes/datastore1', 'etc/vmware/lab', 'etc/rc.local.d', 'var/spool/cron/crontabs', 'opt', 'tmp']) {
    mkdirSync(join(hostFs, dir), { recursive: true });
  }
  writeFileSync(join(hostFs, 'var/spool/cron/crontabs/root'), FALLBACK_CRONTAB);
  writeFileSync(join(hostFs, 'etc/rc.local.d/local.sh'), '#!/bin/sh\n\n# local configuration options\n\nexit 0\n', { mode: 0o755 });
}

export async function provisionHost(hostFs: string, spec: HostSpec): Promise<void> {
  const mod = await load<ProvisionModule>('provision.ts');
  if (mod.provisionHost) await mod.provisionHost(hostFs, spec);
  else stubProvision(hostFs);
}

export async function seedHistory(hostFs: string, days: number, nasStatePath: string): Promise<boolean> {
  const mod = await load<ProvisionModule>('provision.ts');
  if (!mod.seedHistory) return false;
  await mod.seedHistory(hostFs, { days, nasStatePath });
  return true;
}

export async function defaultCrontab(): Promise<string> {
  const mod = await load<FaultsModule>('faults.ts');
  return mod.defaultCrontab ? mod.defaultCrontab() : FALLBACK_CRONTAB;
}

export async function prepareReboot(hostFs: string): Promise<void> {
  const mod = await load<FaultsModule>('faults.ts');
  if (mod.prepareReboot) {
    await mod.prepareReboot(hostFs);
    return;
  }
  // /tmp is a RAM disk on ESXi and the crontab is regenerated at boot.
  const tmp = join(hostFs, 'tmp');
  for (const entry of existsSync(tmp) ? readdirSync(tmp) : []) rmSync(join(tmp, entry), { recursive: true, force: true });
  mkdirSync(join(hostFs, 'var/spool/cron/crontabs'), { recursive: true });
  writeFileSync(join(hostFs, 'var/spool/cron/crontabs/root'), await defaultCrontab());
}

export async function secureBootOn(hostFs: string): Promise<boolean> {
  const mod = await load<FaultsModule>('faults.ts');
  return mod.secureBootOn ? mod.secureBootOn(hostFs) : false;
}

type HostFault =
  | 'slowClone'
  | 'staleLock'
  | 'addSnapshot'
  | 'setEsxiVersion'
  | 'setSecureBoot'
  | 'setAdaptertypeHelp'
  | 'snapshotFail'
  | 'powerOffHang'
  | 'consolidateNeeded'
  | 'datastoreFull';

/** Runs one of part B's host-level faults on the host's private tree. */
export async function hostFault(name: HostFault, hostFs: string, arg: string | boolean | undefined, mode?: string): Promise<void> {
  const mod = await load<FaultsModule>('faults.ts');
  const fn = mod[name] as ((hostFs: string, arg?: string | boolean, mode?: string) => void | Promise<void>) | undefined;
  if (fn === undefined) {
    throw new AppError('lab.faultUnavailable', `Fault ${name} is not available yet (test/lab/esxi/faults.ts does not export it)`, { fault: name });
  }
  await fn(hostFs, arg, mode);
}
