// Power states of a simulated host: boot (namespace + crond + sshd, then the boot hook and local.sh as ESXi does),
// power off (every process of the host dies) and reboot (off, /tmp and crontab reset, boot).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error.ts';
import { prepareReboot, secureBootOn } from './esxi-hooks.ts';
import type { RunResult } from './exec.ts';
import { holderPid } from './holder.ts';
import { execInHost, startHost, stopHost } from './host-process.ts';
import { NODE_BIN, REPO_DIR, type LabPaths } from './lab-paths.ts';
import { writeLabRecord, type LabHostRecord, type LabRecord } from './lab-record.ts';
import { isAlive, mountNamespaceOf } from './processes.ts';

const HOST_BOOT = join(REPO_DIR, 'test', 'lab', 'host-boot.ts');

export function isRunning(host: LabHostRecord): boolean {
  return host.pid !== null && isAlive(host.pid) && mountNamespaceOf(host.pid) === host.ns;
}

export function requireRunning(host: LabHostRecord): number {
  if (!isRunning(host) || host.pid === null) {
    throw new AppError('lab.hostDown', `${host.name} is not running (start it with: lab fault ${host.name} start)`, { host: host.name });
  }
  return host.pid;
}

function check(result: RunResult, what: string, host: string): void {
  if (result.code !== 0) throw new AppError('lab.bootFailed', `${what} failed on ${host}: ${result.stderr.trim()}`, { host, stderr: result.stderr });
}

export interface BootOptions {
  /** Run /etc/rc.local.d/local.sh (unless Secure Boot is on); false at first `up`, where provisioning set the state. */
  runLocalSh: boolean;
}

export async function bootHost(paths: LabPaths, record: LabRecord, host: LabHostRecord, options: BootOptions): Promise<void> {
  const holder = holderPid(paths);
  if (holder === null) throw new AppError('lab.notRunning', 'The lab is not running (no namespace holder)', { stateDir: paths.stateDir });
  const running = await startHost({
    role: host.role,
    hostname: host.hostname,
    address: host.address,
    port: host.port,
    holderPid: holder,
    paths,
    host: paths.host(host.name),
  });
  host.pid = running.pid;
  host.ns = running.ns;
  writeLabRecord(paths.record, record);
  if (host.role !== 'esxi') return;
  check(await execInHost(running.pid, NODE_BIN, ['--no-warnings', HOST_BOOT]), 'boot hook', host.name);
  const localSh = join(host.hostFs, 'etc', 'rc.local.d', 'local.sh');
  if (options.runLocalSh && existsSync(localSh) && !(await secureBootOn(host.hostFs))) {
    check(await execInHost(running.pid, '/bin/sh', ['/etc/rc.local.d/local.sh']), 'local.sh', host.name);
  }
}

/**
 * Power-offs still under way, by host folder. A power-off kills every process of the host's mount namespace for a
 * while, and the kernel may give a new namespace the number the old one had, so a power-on waits for it to end.
 */
const poweringOff = new Map<string, Promise<void>>();

export async function powerOff(paths: LabPaths, record: LabRecord, host: LabHostRecord): Promise<void> {
  const done = stopHost(host.ns);
  poweringOff.set(host.hostFs, done);
  try {
    await done;
  } finally {
    if (poweringOff.get(host.hostFs) === done) poweringOff.delete(host.hostFs);
  }
  host.pid = null;
  writeLabRecord(paths.record, record);
}

/**
 * Power a stopped host on. For ESXi that is a boot like any other: the crontab is regenerated and local.sh runs
 * again, so its persistence block adds the cron line once instead of once more per start.
 */
export async function powerOn(paths: LabPaths, record: LabRecord, host: LabHostRecord): Promise<void> {
  await poweringOff.get(host.hostFs)?.catch(() => undefined);
  if (host.role === 'esxi') await prepareReboot(host.hostFs);
  await bootHost(paths, record, host, { runLocalSh: true });
}

export async function rebootHost(paths: LabPaths, record: LabRecord, host: LabHostRecord): Promise<void> {
  await powerOff(paths, record, host);
  await powerOn(paths, record, host);
}
