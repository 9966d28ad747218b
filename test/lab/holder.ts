// The lab's holder namespace: a sleeping process whose mount namespace owns a shared bind of the NAS's /mnt tree.
// Every host namespace is cloned from it as a slave, so a mount the lab makes later on a dataset (a full share)
// shows up at once in the NAS and in every ESXi host that has that share mounted.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error.ts';
import { runOk } from './exec.ts';
import type { LabPaths } from './lab-paths.ts';
import { isAlive, mountNamespaceOf } from './processes.ts';

const HOLDER_SCRIPT = 'mount --bind "$1" "$1" && mount --make-shared "$1" && exec sleep infinity';

export async function startHolder(paths: LabPaths): Promise<number> {
  mkdirSync(paths.nasMnt, { recursive: true });
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', HOLDER_SCRIPT, 'holder', paths.nasMnt], {
    detached: true,
    stdio: 'ignore',
  });
  const pid = child.pid;
  if (pid === undefined) throw new AppError('lab.holderFailed', 'Could not start the lab namespace holder');
  child.unref();
  writeFileSync(paths.holderPid, String(pid));
  const own = mountNamespaceOf(process.pid);
  // The holder is ready once `exec sleep` runs in its new namespace with the shared mount in place.
  for (let i = 0; i < 200; i++) {
    const ns = mountNamespaceOf(pid);
    if (ns !== null && ns !== own && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep') return pid;
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new AppError('lab.holderFailed', 'The lab namespace holder did not come up', { pid });
}

/** The holder is a `sleep` whose own namespace has the lab's NAS tree as a mount point; a reused pid is not. */
function isOurHolder(pid: number, paths: LabPaths): boolean {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'sleep') return false;
    const mountPoint = paths.nasMnt.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
    return readFileSync(`/proc/${pid}/mountinfo`, 'utf8')
      .split('\n')
      .some((line) => line.split(' ')[4] === mountPoint);
  } catch {
    return false;
  }
}

export function holderPid(paths: LabPaths): number | null {
  try {
    const pid = Number(readFileSync(paths.holderPid, 'utf8'));
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) && isOurHolder(pid, paths) ? pid : null;
  } catch {
    return null;
  }
}

/** Runs a program in the holder's mount namespace (mounts made there propagate to every host). */
export async function inHolder(paths: LabPaths, program: string, args: string[]): Promise<string> {
  const pid = holderPid(paths);
  if (pid === null) throw new AppError('lab.notRunning', 'The lab is not running (no namespace holder)', { stateDir: paths.stateDir });
  return runOk('nsenter', ['-t', String(pid), '-m', '--', program, ...args]);
}
