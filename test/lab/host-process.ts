// One simulated host = one sshd in its own mount + UTS namespace, cloned (as a slave) from the lab's holder namespace.
// The namespace script stacks the host's /etc and /usr layers, binds its private tree at the ESXi paths, starts
// busybox crond (ESXi hosts) and execs sshd, so the pid we spawn is sshd's own. The NAS's root (a bash user) gets a
// home of its own: bash run by sshd reads ~/.bashrc, and this machine's own (pyenv init…) cost seconds per command.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error.ts';
import { run, type RunResult } from './exec.ts';
import type { HostPaths, LabPaths } from './lab-paths.ts';
import { ESXI_PATH } from './sshd-config.ts';
import { childrenOf, isAlive, killNamespace, mountNamespaceOf, signal } from './processes.ts';

const ESXI_SCRIPT = `set -e
hostname "$5"
mount -t overlay lab-etc -o "lowerdir=$1:/etc" /etc
mount -t overlay lab-usr -o "lowerdir=$2:/usr" /usr
mount --bind "$3/vmfs" /vmfs
mount --bind "$3/etc/vmware" /etc/vmware
mount --bind "$3/etc/rc.local.d" /etc/rc.local.d
mount --bind "$3/etc/ssh/keys-root" /etc/ssh/keys-root
mount --bind "$3/opt" /opt
mount -t tmpfs -o size=1m,mode=755 lab-spool /var/spool
mkdir /var/spool/cron
mount --bind "$3/var/spool/cron" /var/spool/cron
mount --bind "$3/var/run" /run
mount --bind "$3/tmp" /tmp
cd /
env -i PATH=${ESXI_PATH} HOME=/ SHELL=/bin/sh /usr/lib/vmware/busybox/bin/busybox crond -L /var/run/crond.log
exec env -i /usr/sbin/sshd -D -e -f "$4"
`;

const NAS_SCRIPT = `set -e
hostname "$5"
mount -t overlay lab-etc -o "lowerdir=$1:/etc" /etc
mount -t overlay lab-usr -o "lowerdir=$2:/usr" /usr
mount --bind "$6" /mnt
mount --bind "$3/var/run" /run
mkdir -p "$3/root"
mount --bind "$3/root" /root
cd /
exec env -i /usr/sbin/sshd -D -e -f "$4"
`;

/** Folders of the private tree that must exist before binding (part B's provisioning fills them). */
export const HOST_FS_DIRS = ['vmfs/volumes', 'etc/vmware', 'etc/rc.local.d', 'etc/ssh/keys-root', 'opt', 'var/spool/cron/crontabs', 'var/run/sshd', 'tmp'];

export interface StartHostInput {
  role: 'esxi' | 'nas';
  hostname: string;
  address: string;
  port: number;
  holderPid: number;
  paths: LabPaths;
  host: HostPaths;
}

export interface RunningHost {
  pid: number;
  ns: string;
}

export async function startHost(input: StartHostInput): Promise<RunningHost> {
  const { role, host, paths } = input;
  for (const dir of HOST_FS_DIRS) mkdirSync(join(host.hostFs, dir), { recursive: true });
  const usrLayer = role === 'esxi' ? paths.esxiUsrLayer : paths.nasUsrLayer;
  const script = role === 'esxi' ? ESXI_SCRIPT : NAS_SCRIPT;
  const log = openSync(host.sshdLog, 'a');
  const child = spawn(
    'nsenter',
    ['-t', String(input.holderPid), '-m', '--', 'unshare', '-m', '-u', '--propagation', 'slave', '--', 'sh', '-c', script, 'host',
      host.etcSkel, usrLayer, host.hostFs, host.sshdConfig, input.hostname, paths.nasMnt],
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new AppError('lab.hostStartFailed', `Could not start ${input.hostname}`);
  child.unref();
  await waitListening(input.address, input.port, pid, host.sshdLog);
  const ns = mountNamespaceOf(pid);
  if (ns === null) throw new AppError('lab.hostStartFailed', `${input.hostname} exited during start; see ${host.sshdLog}`);
  return { pid, ns };
}

async function waitListening(address: string, port: number, pid: number, log: string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 500; i++) {
    if (!isAlive(pid)) break;
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new AppError('lab.hostStartFailed', `sshd on ${address}:${port} did not start; see ${log}`, { address, port, log });
}

/** Powers the host off: every process in its namespace dies, and with them its mounts. */
export async function stopHost(ns: string | null): Promise<void> {
  // Its sshd goes with the rest, the namespace held until its last process is gone.
  if (ns !== null) await killNamespace(ns);
}

/** Cuts every open SSH connection (the per-connection sshd processes) but keeps the listener: a network blip. */
export function dropConnections(pid: number): number {
  const sessions = childrenOf(pid);
  for (const s of sessions) signal(s, 'SIGKILL');
  return sessions.length;
}

/** sshd re-executes itself on SIGHUP, re-reading its config and host keys, with the same pid and namespace. */
export function reloadSshd(pid: number): void {
  signal(pid, 'SIGHUP');
}

/** Runs a program inside a host's namespaces (mount + UTS), as root, with the host's PATH. */
export function execInHost(pid: number, program: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run('nsenter', ['-t', String(pid), '-m', '-u', '--', 'env', '-i', `PATH=${ESXI_PATH}`, 'HOME=/', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), program, ...args]);
}
