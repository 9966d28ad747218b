// Shared set-up for part B's lab tests: a NAS state (part A's provisioning) and provisioned host trees under
// /var/tmp (never /tmp: hosts mask it), commands run either from outside (LAB_HOST_ROOT) or in a private namespace.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ESXI_BIN_DIR } from '../../lab/esxi/commands.ts';
import { hostExec, type HostRun } from '../../lab/esxi/host-exec.ts';
import { provisionHost } from '../../lab/esxi/provision.ts';
import type { HostSpec } from '../../lab/esxi/spec.ts';
import { provisionNas } from '../../lab/nas/provision.ts';
import { updateNasState } from '../../lab/nas/state.ts';
import { DEFAULT_NAS_VERSION } from '../../lab/nas/versions.ts';
import type { Topology } from '../../lab/topology.ts';
import { sharePath, volumeName } from '../../lab/topology.ts';

export const NAS_IP = '10.0.0.50';

export interface TestLab {
  dir: string;
  nasState: string;
  mnt: string;
  hostFs(ip: string): string;
  cleanup(): void;
}

/** A NAS exporting one share per IP (root not squashed, restricted to that IP) and a host tree per spec. */
export async function makeLab(hosts: HostSpec[], shareIps: string[] = hosts.map((h) => h.ip)): Promise<TestLab> {
  const dir = mkdtempSync('/var/tmp/custode-lab-esxi-test-');
  const nasState = join(dir, 'nas', 'state.json');
  const mnt = join(dir, 'nas', 'mnt');
  const topology = {
    name: 'test',
    nas: { name: 'truenas', hostname: 'truenas', ip: NAS_IP, version: DEFAULT_NAS_VERSION, poolGB: 10 * 1024 },
    esxi: shareIps.map((ip) => ({ name: ip, spec: { hostname: ip, ip }, seedHistoryDays: 0 })),
  } satisfies Topology;
  provisionNas(nasState, mnt, topology);
  for (const h of hosts) {
    await provisionHost(join(dir, h.ip), {
      ...h,
      nas: { ip: NAS_IP, statePath: nasState, exportPath: sharePath(h.ip), volumeName: volumeName(h.ip), ...h.nas },
    });
  }
  return { dir, nasState, mnt, hostFs: (ip) => join(dir, ip), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function shareDir(lab: TestLab, ip: string): string {
  return join(lab.mnt, sharePath(ip).replace(/^\/mnt\//, ''));
}

/** Change the NAS's share for `ip` (hosts, maproot, ro…) the way midclt would. */
export function editShare(lab: TestLab, ip: string, patch: Record<string, unknown>): void {
  updateNasState(lab.nasState, (s) => {
    const share = s.shares.find((x) => x.path === sharePath(ip));
    if (!share) throw new Error(`no share for ${ip}`);
    Object.assign(share, patch);
  });
}

export interface CmdResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run one simulated command from outside the host (its ESXi paths resolved under hostFs). */
export function esxi(hostFs: string, esxiPath: string, args: string[], env: Record<string, string> = {}): CmdResult {
  const r = spawnSync(join(ESXI_BIN_DIR, esxiPath), args, { env: { ...process.env, LAB_HOST_ROOT: hostFs, ...env }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function inHost(hostFs: string, script: string, env: Record<string, string> = {}): Promise<HostRun> {
  return hostExec(hostFs, script, { ownTmp: true, env });
}

/** Namespaces, overlays and busybox are needed for the in-host tests (root on Linux). */
export function namespaceSupport(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  try {
    execFileSync('unshare', ['-m', '--propagation', 'private', 'true']);
    execFileSync('busybox', ['true']);
  } catch (e) {
    return `no private mount namespace or busybox: ${String(e)}`;
  }
  return null;
}

/** Bytes of a (possibly > 2 GiB, sparse) file without reading it whole. */
export function bytes(file: string, offset: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(length);
    readSync(fd, b, 0, length, offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** A ghettoVCB log, stdout or stderr with what legitimately differs between two runs masked. */
export function maskRunDifferences(text: string, script: string): string {
  return (
    text
      .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/gm, 'TS')
      .replace(/\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d/g, 'DATE')
      // The snapshot is named for the day it was taken: two runs either side of midnight differ there.
      .replace(/ghettoVCB-snapshot-\d{4}-\d\d-\d\d/g, 'ghettoVCB-snapshot-DAY')
      .replace(/GHETTOVCB_PID = \d+/g, 'GHETTOVCB_PID = N')
      .replace(/Backup Duration: .*/g, 'Backup Duration: D')
      // The datastores are folders on the machine's own disk, whose free space moves between the two runs.
      .replace(/_DATASTORE_FREE: .*/g, '_DATASTORE_FREE: F')
      .replace(/\/tmp\/(real|std)\.log/g, '/tmp/X.log')
      .replace(new RegExp(script, 'g'), 'SCRIPT')
  );
}
