// Every ESXi absolute path goes through hostPath(): inside a host namespace the root is '' (the real ESXi path), from
// outside (provisioning, faults, tests) it is the host's private tree, so one code path serves both.
import { join } from 'node:path';

export function hostRoot(): string {
  return process.env['LAB_HOST_ROOT'] ?? '';
}

export function hostPath(root: string, esxiPath: string): string {
  return root === '' ? esxiPath : join(root, esxiPath);
}

export const LAB_DIR = '/etc/vmware/lab';
export const STATE_FILE = `${LAB_DIR}/state.json`;
export const VOLUMES = '/vmfs/volumes';
