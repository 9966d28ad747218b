// Where a lab keeps its files. Everything of one lab lives under its state dir, so `down` can find what a crashed run
// left behind, and two labs with different state dirs never share a file.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors/app-error.ts';

export const REPO_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const NODE_BIN = join(REPO_DIR, 'node_modules', '.bin', 'node');
export const DEFAULT_STATE_DIR = join(REPO_DIR, '.lab');
export const ESXI_BIN_DIR = join(REPO_DIR, 'test', 'lab', 'esxi', 'bin');

// Inside a host these paths are covered by the host's own mounts, so a state dir there would vanish from view.
const MASKED = ['/tmp', '/vmfs', '/opt', '/etc', '/usr', '/run', '/var/run', '/var/spool', '/mnt', '/proc', '/sys', '/dev'];

export function maskedBy(abs: string): string | undefined {
  return MASKED.find((m) => abs === m || abs.startsWith(m + '/'));
}

export function checkStateDir(dir: string): string {
  const abs = resolve(dir);
  const masked = maskedBy(abs);
  if (masked !== undefined || abs === '/') {
    throw new AppError('lab.stateDirMasked', `The lab state dir ${abs} would be hidden inside the hosts (${masked ?? '/'}); use e.g. /var/tmp/…`, {
      stateDir: abs,
    });
  }
  return abs;
}

export interface HostPaths {
  /** Run-time files of the sshd: config, host keys, pid, log, /etc skeleton. */
  runDir: string;
  /** The host's private tree, bind-mounted at ESXi paths inside its namespace (part B's provisionHost fills it). */
  hostFs: string;
  etcSkel: string;
  sshdConfig: string;
  sshdLog: string;
  rsaHostKey: string;
  ecdsaHostKey: string;
}

export function labPaths(stateDir: string) {
  return {
    stateDir,
    record: join(stateDir, 'lab.json'),
    holderPid: join(stateDir, 'holder.pid'),
    clientRsaKey: join(stateDir, 'keys', 'id_rsa'),
    clientEcdsaKey: join(stateDir, 'keys', 'id_ecdsa'),
    busyboxLayer: join(stateDir, 'layers', 'busybox'),
    esxiUsrLayer: join(stateDir, 'layers', 'esxi-usr'),
    nasUsrLayer: join(stateDir, 'layers', 'nas-usr'),
    nasDir: join(stateDir, 'nas'),
    nasState: join(stateDir, 'nas', 'state.json'),
    /** Seen as /mnt inside the NAS; shared into every host namespace through the holder. */
    nasMnt: join(stateDir, 'nas', 'mnt'),
    nasFaults: join(stateDir, 'nas', 'faults'),
    host(name: string): HostPaths {
      const runDir = join(stateDir, 'hosts', name, 'run');
      return {
        runDir,
        hostFs: join(stateDir, 'hosts', name, 'fs'),
        etcSkel: join(runDir, 'etc'),
        sshdConfig: join(runDir, 'sshd_config'),
        sshdLog: join(runDir, 'sshd.log'),
        rsaHostKey: join(runDir, 'ssh_host_rsa_key'),
        ecdsaHostKey: join(runDir, 'ssh_host_ecdsa_key'),
      };
    },
  };
}

export type LabPaths = ReturnType<typeof labPaths>;
