// Processes of the lab, found through /proc: a host is every process in its mount namespace, so stopping it leaves
// nothing behind (sessions, crond, a ghettoVCB run) and the kernel drops its mounts with the last process.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

/** A zombie is not alive: nothing reaps children of detached processes whose parent exited before them. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function mountNamespaceOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export function pidsInNamespace(ns: string): number[] {
  return allPids().filter((pid) => pid !== process.pid && isAlive(pid) && mountNamespaceOf(pid) === ns);
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Pids and namespace ids are reused by the kernel once their owner is gone, so a number read from a lab's files
 * proves nothing: a namespace belongs to the lab only while a process in it names the lab's state dir (every host's
 * sshd runs with `-f <stateDir>/hosts/<name>/run/sshd_config`).
 */
export function namespaceRunsLab(ns: string, stateDir: string): boolean {
  const marker = `${resolve(stateDir)}/`;
  return pidsInNamespace(ns).some((pid) => commandLine(pid).includes(marker));
}

export function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => parentOf(p) === pid);
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export async function waitGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pids.every((p) => !isAlive(p))) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return pids.every((p) => !isAlive(p));
}

/**
 * An open handle on the namespace `ns` (through one of its processes), or null when no process is in it any more.
 * While it is open the kernel keeps the namespace, so its number cannot be given to a new one.
 */
function pinNamespace(ns: string): number | null {
  for (const pid of pidsInNamespace(ns)) {
    try {
      const fd = openSync(`/proc/${pid}/ns/mnt`, 'r');
      // The pid may have ended (and been reused) between the scan and the open: keep only a handle on `ns` itself.
      if (`mnt:[${fstatSync(fd).ino}]` === ns) return fd;
      closeSync(fd);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/**
 * Kills every process of a mount namespace; SIGKILL because a powered-off host does not get to clean up. The
 * namespace is held open throughout: once its last process died the kernel could give its number to another test's
 * fresh `unshare -m`, and the next round would kill that (seen once in CI as a lab command ended by a signal).
 */
export async function killNamespace(ns: string): Promise<void> {
  const pin = pinNamespace(ns);
  if (pin === null) return;
  try {
    for (let round = 0; round < 5; round++) {
      const pids = pidsInNamespace(ns);
      if (pids.length === 0) return;
      for (const pid of pids) signal(pid, 'SIGKILL');
      await waitGone(pids, 1000);
    }
  } finally {
    closeSync(pin);
  }
}
