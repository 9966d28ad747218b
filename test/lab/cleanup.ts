// Tearing a lab down, also after a crash: every host namespace's processes (found from lab.json and the sshd pid files),
// the holder (its death drops the lab's remaining mounts), a full share's writes folded back. Labs owned by a
// process register in a shared folder; the next start reaps those whose owner died (a crashed test run).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { holderPid } from './holder.ts';
import { stopHost } from './host-process.ts';
import { labPaths } from './lab-paths.ts';
import { readLabRecord } from './lab-record.ts';
import { isNasFull, setNasFull } from './nas-faults.ts';
import { stopSimulator } from './sim/resident.ts';
import { commandLine, isAlive, killNamespace, mountNamespaceOf, namespaceRunsLab, pidsInNamespace, signal, waitGone } from './processes.ts';

const REGISTRY = '/var/tmp/custode-lab-registry';

function registryFile(stateDir: string): string {
  return join(REGISTRY, stateDir.replace(/[^A-Za-z0-9]/g, '_'));
}

export function registerOwner(stateDir: string, ownerPid: number): void {
  mkdirSync(REGISTRY, { recursive: true });
  writeFileSync(registryFile(stateDir), JSON.stringify({ stateDir, ownerPid }));
}

function unregister(stateDir: string): void {
  rmSync(registryFile(stateDir), { force: true });
}

function sshdPidsFromFiles(stateDir: string): number[] {
  const hostsDir = join(stateDir, 'hosts');
  if (!existsSync(hostsDir)) return [];
  return readdirSync(hostsDir)
    .map((h) => join(hostsDir, h, 'run', 'sshd.pid'))
    .filter((f) => existsSync(f))
    .map((f) => Number(readFileSync(f, 'utf8').trim()))
    .filter((p) => Number.isInteger(p) && p > 0);
}

/** Stops everything of the lab in stateDir; safe to call twice and on a half-started lab. */
export async function teardownLab(stateDir: string): Promise<void> {
  const paths = labPaths(stateDir);
  const record = readLabRecord(paths.record);
  const own = mountNamespaceOf(process.pid);
  const namespaces = new Set<string>();
  for (const host of record?.hosts ?? []) if (host.ns !== null && host.ns !== own && namespaceRunsLab(host.ns, stateDir)) namespaces.add(host.ns);
  for (const pid of sshdPidsFromFiles(stateDir)) {
    const ns = mountNamespaceOf(pid);
    if (ns !== null && ns !== own && commandLine(pid).includes(`${resolve(stateDir)}/`)) namespaces.add(ns);
  }
  await Promise.all([...namespaces].map((ns) => stopHost(ns)));
  if (holderPid(paths) !== null) {
    for (const host of record?.hosts ?? []) {
      if (host.role === 'esxi' && isNasFull(paths, host.identityIp)) await setNasFull(paths, host.identityIp, false).catch(() => undefined);
    }
  }
  const holder = holderPid(paths);
  if (holder !== null) {
    const ns = mountNamespaceOf(holder);
    // Killed with its namespace, which is held while the holder still pins it (see killNamespace).
    if (ns !== null && ns !== own) await killNamespace(ns);
    else {
      signal(holder, 'SIGKILL');
      await waitGone([holder], 2000);
    }
  }
  stopSimulator(paths);
  rmSync(paths.holderPid, { force: true });
  rmSync(paths.nasFaults, { recursive: true, force: true });
  unregister(stateDir);
}

/** Reaps labs whose owning process is gone (a test run that crashed before its afterAll). */
export async function reapOrphanLabs(): Promise<string[]> {
  if (!existsSync(REGISTRY)) return [];
  const reaped: string[] = [];
  for (const name of readdirSync(REGISTRY)) {
    try {
      const { stateDir, ownerPid } = JSON.parse(readFileSync(join(REGISTRY, name), 'utf8')) as { stateDir: string; ownerPid: number };
      if (isAlive(ownerPid)) continue;
      await teardownLab(stateDir);
      reaped.push(stateDir);
    } catch {
      rmSync(join(REGISTRY, name), { force: true });
    }
  }
  return reaped;
}

/** Kill-only cleanup for process exit, where nothing asynchronous can run any more. */
export function killLabSync(stateDir: string): void {
  const paths = labPaths(stateDir);
  const record = readLabRecord(paths.record);
  for (const host of record?.hosts ?? []) {
    if (host.ns === null || !namespaceRunsLab(host.ns, stateDir)) continue;
    for (const pid of pidsInNamespace(host.ns)) signal(pid, 'SIGKILL');
  }
  const holder = holderPid(paths);
  if (holder !== null) signal(holder, 'SIGKILL');
  stopSimulator(paths);
  unregister(stateDir);
}
