// Every ESXi absolute path goes through hostPath(): inside a host namespace the root is '' (the real ESXi path), from
// outside (provisioning, faults, tests) it is the host's private tree, and for the lab's resident simulator it is
// the calling client's /proc/<pid>/root, which sees the host's own mounts (NFS datastores, read-only binds).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function hostRoot(): string {
  return process.env['LAB_HOST_ROOT'] ?? '';
}

/** The root a resident simulator uses for a command called by process `pid` inside a host. */
export function clientRoot(pid: number): string {
  return `/proc/${pid}/root`;
}

function clientPid(root: string): number | null {
  const m = /^\/proc\/(\d+)\/root$/.exec(root);
  return m ? Number(m[1]) : null;
}

export function hostPath(root: string, esxiPath: string): string {
  if (root === '') return esxiPath;
  const pid = clientPid(root);
  // A relative path is the caller's: resolve it in its working directory, as a process of its own would.
  if (pid !== null && !esxiPath.startsWith('/')) return join(`/proc/${pid}/cwd`, esxiPath);
  return join(root, esxiPath);
}

/** Whether `root` is a running host's own view (mounts apply), not a private tree seen from outside. */
export function isLiveRoot(root: string): boolean {
  return root === '' || clientPid(root) !== null;
}

/**
 * Runs a mount-table tool (mount, umount, mountpoint) on host paths in the host's namespace: directly inside it,
 * through nsenter from the resident simulator. `paths` are hostPath() results, given back as ESXi paths.
 */
export function mountTool(root: string, tool: string, args: string[], paths: string[]): void {
  const pid = clientPid(root);
  const inner = paths.map((p) => (pid !== null && p.startsWith(root + '/') ? p.slice(root.length) : p));
  if (pid === null) execFileSync(tool, [...args, ...inner], { stdio: 'ignore' });
  else execFileSync('/usr/bin/nsenter', ['-t', String(pid), '-m', '--', tool, ...args, ...inner], { stdio: 'ignore' });
}

export const LAB_DIR = '/etc/vmware/lab';
export const STATE_FILE = `${LAB_DIR}/state.json`;
export const VOLUMES = '/vmfs/volumes';
