// Run a shell command "inside" a host without part A's sshd: a private mount namespace where the host's tree is
// bound at the ESXi paths and the simulated commands are overlaid onto /usr/bin, /usr/sbin and /usr/lib (so
// /bin/vim-cmd, /sbin/vmkfstools, … exist), with busybox applets first in PATH. Used by seedHistory and by part B's
// tests; needs root, unshare and busybox. Nothing is mounted outside the namespace.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientLinks } from '../sim/resident.ts';
import { ESXI_BIN_DIR } from './commands.ts';

const BOOT_SCRIPT = fileURLToPath(new URL('./boot.ts', import.meta.url));

const BINDS = ['vmfs', 'etc/vmware', 'var/spool/cron', 'etc/rc.local.d', 'opt', 'etc/ssh/keys-root', 'var/run'];

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * busybox applet links, made once per host tree (ESXi's shell tools are busybox, not coreutils), plus a dir holding
 * only sh/ash that is layered over /usr/bin so that /bin/sh is busybox as on ESXi (the rest of /usr/bin stays GNU,
 * as in part A's hosts).
 */
function appletDirs(hostFs: string): { applets: string; shells: string } {
  const applets = join(hostFs, 'etc/vmware/lab/busybox-bin');
  const shells = join(hostFs, 'etc/vmware/lab/busybox-sh');
  if (!existsSync(join(applets, 'sh'))) {
    mkdirSync(applets, { recursive: true });
    execFileSync('/usr/bin/busybox', ['--install', '-s', applets]);
  }
  if (!existsSync(join(shells, 'sh'))) {
    mkdirSync(shells, { recursive: true });
    for (const name of ['sh', 'ash']) symlinkSync('/usr/bin/busybox', join(shells, name));
  }
  return { applets, shells };
}

/** The Node 24 binary provisioning recorded for this host's commands. */
function hostNode(hostFs: string): string {
  const env = readFileSync(join(hostFs, 'etc/vmware/lab/runtime.env'), 'utf8');
  return /^LAB_NODE='(.*)'$/m.exec(env)?.[1]?.replace(/'\\''/g, "'") ?? process.execPath;
}

export interface HostRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HostExecOptions {
  env?: Record<string, string>;
  /** Give the host its own /tmp (hostFs/tmp); off when something the host needs lives under the real /tmp. */
  ownTmp?: boolean;
  /** A resident simulator's socket: the commands are its client instead of a Node process each. */
  simSocket?: string | null;
  signal?: AbortSignal;
}

export function hostExec(hostFs: string, command: string, opts: HostExecOptions = {}): Promise<HostRun> {
  const { applets, shells } = appletDirs(hostFs);
  const links = opts.simSocket ? clientLinks() : null;
  const bin = links ?? ESXI_BIN_DIR;
  const mounts: string[] = [];
  for (const b of BINDS) mounts.push(`mkdir -p /${b} && mount --bind ${q(join(hostFs, b))} /${b}`);
  for (const [dst, lower] of [['/usr/bin', 'bin'], ['/usr/sbin', 'sbin'], ['/usr/lib', 'usr/lib']] as const) {
    if (existsSync(join(bin, lower)) && readdirSync(join(bin, lower)).length > 0) {
      const layers = dst === '/usr/bin' ? `${join(bin, lower)}:${shells}` : join(bin, lower);
      mounts.push(`mount -t overlay overlay -o ${q(`lowerdir=${layers}:${dst}`)} ${dst}`);
    }
  }
  if (opts.ownTmp) mounts.push(`mount --bind ${q(join(hostFs, 'tmp'))} /tmp`);
  // What the host does at boot: NFS datastores, read-only binds for root-squashed shares included.
  mounts.push(`${q(hostNode(hostFs))} --disable-warning=ExperimentalWarning ${q(BOOT_SCRIPT)}`);
  const inner = `${mounts.join(' && ')} && exec /usr/bin/busybox sh -c ${q(command)}`;
  const env: Record<string, string> = {
    PATH: `${applets}:/usr/lib/vmware/busybox/bin:/bin:/sbin:/usr/bin:/usr/sbin`,
    USER: 'root',
    HOME: '/',
    TZ: 'UTC',
    ...(links !== null && opts.simSocket ? { LAB_SIM_SOCK: opts.simSocket } : {}),
    ...opts.env,
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn('unshare', ['-m', '--propagation', 'private', '/bin/sh', '-c', inner], { env, signal: opts.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
