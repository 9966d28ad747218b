// `lab fault HOST FAULT`: the lab's own faults (connections, power, host keys, NAS shares) and part B's host-level
// faults on the ESXi state, behind one name each.
import { AppError } from '../../shared/errors/app-error.ts';
import { hostFault } from './esxi-hooks.ts';
import { execInHost, dropConnections, reloadSshd } from './host-process.ts';
import { isRunning, powerOff, powerOn, requireRunning } from './host-lifecycle.ts';
import { generateKey, fingerprintOfPublicKeyFile } from './keys.ts';
import type { LabPaths } from './lab-paths.ts';
import { writeLabRecord, type LabHostRecord, type LabRecord } from './lab-record.ts';
import { setNasFull, setShareReadOnly } from './nas-faults.ts';
import { NODE_BIN, REPO_DIR } from './lab-paths.ts';
import { ADAPTERTYPE_HELP_MODES, isAdaptertypeHelp } from './esxi/vmkfstools-help.ts';
import { join } from 'node:path';

export const FAULTS = [
  'drop',
  'stop',
  'start',
  'nas-full',
  'share-readonly',
  'slow-clone',
  'rotate-hostkey',
  'stale-lock',
  'add-snapshot',
  'esxi-version',
  'secure-boot',
  'adaptertype-help',
  'snapshot-fail',
  'power-off-hang',
  'consolidate-needed',
  'datastore-full',
] as const;
export type FaultName = (typeof FAULTS)[number];

export function isFaultName(name: string): name is FaultName {
  return (FAULTS as readonly string[]).includes(name);
}

function onOff(arg: string | undefined, fault: string, defaultOn: boolean): boolean {
  if (arg === undefined) return defaultOn;
  if (arg === 'on') return true;
  if (arg === 'off') return false;
  throw new AppError('lab.faultArgument', `${fault} takes on|off, not ${arg}`, { fault, arg });
}

function required(arg: string | undefined, fault: string, what: string): string {
  if (arg === undefined || arg === '') throw new AppError('lab.faultArgument', `${fault} needs ${what}`, { fault });
  return arg;
}

function esxiOnly(host: LabHostRecord, fault: string): void {
  if (host.role !== 'esxi') throw new AppError('lab.faultTarget', `${fault} applies to an ESXi host, not ${host.name}`, { fault, host: host.name });
}

async function rotateHostKey(paths: LabPaths, record: LabRecord, host: LabHostRecord): Promise<void> {
  const hp = paths.host(host.name);
  await Promise.all([generateKey(hp.rsaHostKey, 'rsa', host.hostname), generateKey(hp.ecdsaHostKey, 'ecdsa', host.hostname)]);
  host.fingerprints = { ecdsa: fingerprintOfPublicKeyFile(hp.ecdsaHostKey + '.pub'), rsa: fingerprintOfPublicKeyFile(hp.rsaHostKey + '.pub') };
  host.fingerprint = host.fingerprints.ecdsa;
  writeLabRecord(paths.record, record);
  if (isRunning(host) && host.pid !== null) {
    const before = host.pid;
    reloadSshd(before);
    // The re-executed sshd keeps its pid; wait until it listens again with the new keys.
    const { connect } = await import('node:net');
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect({ host: host.address, port: host.port });
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => resolve(false));
      });
      if (ok) return;
    }
  }
}

/** After the NAS changed a share, the host re-applies its NFS mounts (the boot hook does exactly that). */
async function reapplyMounts(host: LabHostRecord): Promise<void> {
  if (!isRunning(host) || host.pid === null) return;
  const result = await execInHost(host.pid, NODE_BIN, ['--no-warnings', join(REPO_DIR, 'test', 'lab', 'host-boot.ts')]);
  if (result.code !== 0) throw new AppError('lab.bootFailed', `Re-applying NFS mounts failed on ${host.name}: ${result.stderr.trim()}`);
}

const VM_FAULTS = {
  'snapshot-fail': { fn: 'snapshotFail', modes: ['hang', 'off'], on: (m?: string) => (m === 'hang' ? 'snapshots hang' : 'snapshots fail') },
  'power-off-hang': { fn: 'powerOffHang', modes: ['off'], on: () => 'guest ignores shutdown' },
  'consolidate-needed': { fn: 'consolidateNeeded', modes: ['off'], on: () => 'disks need consolidation' },
} as const;

/** The per-VM faults: `lab fault HOST <fault> VM [mode|off]`. */
async function vmFault(host: LabHostRecord, fault: keyof typeof VM_FAULTS, vm: string | undefined, mode: string | undefined): Promise<string> {
  esxiOnly(host, fault);
  const { fn, modes, on } = VM_FAULTS[fault];
  if (mode !== undefined && !(modes as readonly string[]).includes(mode)) {
    throw new AppError('lab.faultArgument', `${fault} takes a VM and then ${modes.join(' or ')}, not ${mode}`, { fault, arg: mode });
  }
  await hostFault(fn, host.hostFs, required(vm, fault, 'a VM name'), mode);
  return `${host.name}: VM ${vm}: ${mode === 'off' ? `${fault} cleared` : on(mode)}`;
}

export async function applyFault(paths: LabPaths, record: LabRecord, host: LabHostRecord, fault: FaultName, arg?: string, arg2?: string): Promise<string> {
  switch (fault) {
    case 'drop':
      return `${host.name}: dropped ${dropConnections(requireRunning(host))} connection(s)`;
    case 'stop':
      await powerOff(paths, record, host);
      return `${host.name}: stopped`;
    case 'start':
      if (isRunning(host)) return `${host.name}: already running`;
      await powerOn(paths, record, host);
      return `${host.name}: started`;
    case 'rotate-hostkey':
      await rotateHostKey(paths, record, host);
      return `${host.name}: new host key ${host.fingerprint}`;
    case 'nas-full': {
      esxiOnly(host, fault);
      const on = arg !== 'off';
      const size = arg !== undefined && arg !== 'on' && arg !== 'off' ? Number(arg) : undefined;
      if (size !== undefined && !(size > 0)) throw new AppError('lab.faultArgument', `nas-full takes on|off|BYTES, not ${arg}`);
      await setNasFull(paths, host.identityIp, on, size);
      return `${host.name}: share ${on ? 'full' : 'no longer full'}`;
    }
    case 'share-readonly': {
      esxiOnly(host, fault);
      const on = onOff(arg, fault, true);
      setShareReadOnly(paths, host.identityIp, on);
      await reapplyMounts(host);
      return `${host.name}: share ${on ? 'read-only' : 'read-write'}`;
    }
    case 'slow-clone':
      esxiOnly(host, fault);
      await hostFault('slowClone', host.hostFs, onOff(arg, fault, true));
      return `${host.name}: slow clones ${arg ?? 'on'}`;
    case 'stale-lock':
      esxiOnly(host, fault);
      await hostFault('staleLock', host.hostFs, undefined);
      return `${host.name}: stale ghettoVCB lock left in /tmp/ghettoVCB.work`;
    case 'add-snapshot':
      esxiOnly(host, fault);
      await hostFault('addSnapshot', host.hostFs, required(arg, fault, 'a VM name'));
      return `${host.name}: VM ${arg} has a new snapshot`;
    case 'esxi-version':
      esxiOnly(host, fault);
      await hostFault('setEsxiVersion', host.hostFs, required(arg, fault, 'a version X.Y.Z'));
      return `${host.name}: reports ESXi ${arg}`;
    case 'secure-boot':
      esxiOnly(host, fault);
      await hostFault('setSecureBoot', host.hostFs, onOff(arg, fault, true));
      return `${host.name}: Secure Boot ${arg ?? 'on'}`;
    case 'adaptertype-help': {
      esxiOnly(host, fault);
      const mode = required(arg, fault, `one of ${ADAPTERTYPE_HELP_MODES.join('|')}|release`);
      if (mode !== 'release' && !isAdaptertypeHelp(mode)) {
        throw new AppError('lab.faultArgument', `adaptertype-help takes ${ADAPTERTYPE_HELP_MODES.join('|')}|release, not ${mode}`, { fault, arg });
      }
      await hostFault('setAdaptertypeHelp', host.hostFs, mode === 'release' ? undefined : mode);
      return `${host.name}: vmkfstools -h shows --adaptertype as ${mode === 'release' ? 'its release does' : mode}`;
    }
    case 'snapshot-fail':
    case 'power-off-hang':
    case 'consolidate-needed':
      return vmFault(host, fault, arg, arg2);
    case 'datastore-full':
      esxiOnly(host, fault);
      await hostFault('datastoreFull', host.hostFs, required(arg, fault, 'a datastore name'), arg2);
      return `${host.name}: datastore ${arg} ${arg2 === 'off' ? 'reports its own free space again' : `reports ${arg2 === undefined || arg2 === 'on' ? 0 : arg2} bytes free`}`;
  }
}
