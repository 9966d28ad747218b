// provisionHost(hostFs, spec): writes the whole private tree of one simulated ESXi host (contract: lab-contract.md).
// Everything is small or sparse so that `large:50` provisions in well under a second per host.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveState } from './commands/host-info.ts';
import { cachePayload, installDatastoreCopy, installVib, GHETTOVCB_VIB, STAND_IN } from './ghettovcb-install.ts';
import { defaultCrontab, localSh, siteCronLine } from './host-files.ts';
import { mountNfs } from './nfs.ts';
import { hostPath, LAB_DIR, VOLUMES } from './paths.ts';
import { seedVmSpecs } from './seed.ts';
import type { HostSpec } from './spec.ts';
import { updateHostState, updateHostStateAsync, writeHostStateUnlocked, type HostState } from './state.ts';
import { createVmFiles, snapshotCreate } from './vm.ts';

const ESXI_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(ESXI_DIR, '..', '..', '..');

const BUILDS: Record<string, [string, number]> = {
  '6.7.0': ['17700523', 3],
  '7.0.3': ['21930508', 3],
  '8.0.0': ['20513097', 0],
  '8.0.2': ['22380479', 2],
  '8.0.3': ['24022510', 3],
  '9.0.0': ['24755229', 0],
};

export function buildFor(version: string): [string, number] {
  return BUILDS[version] ?? ['24022510', Number(version.split('.')[2] ?? 0)];
}

function vmfsUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function backupVolumeName(spec: HostSpec): string {
  return spec.nas?.volumeName ?? `VM_backup_${spec.ip}`;
}

function runtimeEnv(spec: HostSpec): string {
  const repo = spec.repoDir ?? REPO_DIR;
  const node = spec.nodePath ?? realpathSync(join(repo, 'node_modules', '.bin', 'node'));
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `LAB_NODE=${q(node)}\nLAB_ESXI_DIR=${q(join(repo, 'test', 'lab', 'esxi'))}\n`;
}

export async function provisionHost(hostFs: string, spec: HostSpec): Promise<void> {
  const root = hostFs;
  for (const d of [`${VOLUMES}`, LAB_DIR, '/var/spool/cron/crontabs', '/etc/rc.local.d', '/opt', '/etc/ssh/keys-root', '/tmp', '/var/run']) {
    mkdirSync(hostPath(root, d), { recursive: true });
  }
  writeFileSync(hostPath(root, `${LAB_DIR}/runtime.env`), runtimeEnv(spec));

  const version = spec.version ?? '8.0.3';
  const [build, update] = buildFor(version);
  const datastores: { name: string; type: 'VMFS-5' | 'VMFS-6'; capacityGB: number }[] = [
    { name: 'datastore1', type: 'VMFS-6', capacityGB: 450 },
    { name: 'datastore2', type: 'VMFS-6', capacityGB: 900 },
  ];
  for (const extra of spec.datastores ?? []) {
    if (!datastores.some((d) => d.name === extra.name)) datastores.push({ name: extra.name, type: extra.type ?? 'VMFS-6', capacityGB: extra.capacityGB ?? 500 });
  }
  const state: HostState = {
    identity: {
      hostname: spec.hostname,
      domain: '',
      ip: spec.ip,
      netmask: '255.255.255.0',
      gateway: spec.ip.split('.').slice(0, 3).concat('1').join('.'),
      version,
      build: spec.build ?? build,
      update: spec.update ?? update,
      patch: 0,
      secureBoot: spec.secureBoot ?? false,
    },
    clockOffset: 0,
    nextVmid: 1,
    vms: [],
    datastores: datastores.map((d) => ({ name: d.name, uuid: vmfsUuid(`${spec.hostname}/${spec.ip}/${d.name}`), type: d.type, capacity: d.capacityGB * 1024 ** 3 })),
    nfs: [],
    nas: spec.nas ? { ip: spec.nas.ip, statePath: spec.nas.statePath } : null,
    modules: { multiextent: false, nfs41client: true, vmkusb: true },
    vibs: [
      { name: 'esx-base', version: `${version}-0.${update * 10}.${build}`, vendor: 'VMware', acceptance: 'VMwareCertified', installDate: '2024-06-25' },
      { name: 'esx-ui', version: '2.14.1-22957012', vendor: 'VMware', acceptance: 'VMwareCertified', installDate: '2024-06-25' },
      { name: 'vmkusb', version: '0.1-17vmw.800.3.24022510', vendor: 'VMW', acceptance: 'VMwareCertified', installDate: '2024-06-25' },
    ],
    acceptance: 'PartnerSupported',
    advanced: { execInstalledOnly: spec.execInstalledOnly === undefined ? (Number(version.split('.')[0]) >= 8 ? 1 : 0) : spec.execInstalledOnly ? 1 : 0 },
    faults: { cloneDelayMs: 0, adaptertypeHelp: null },
  };
  for (const ds of state.datastores) {
    mkdirSync(hostPath(root, `${VOLUMES}/${ds.uuid}`), { recursive: true });
    const link = hostPath(root, `${VOLUMES}/${ds.name}`);
    if (!existsSync(link)) symlinkSync(ds.uuid, link);
  }
  writeHostStateUnlocked(root, state);

  const backupVolume = `${VOLUMES}/${backupVolumeName(spec)}`;
  if (spec.nas?.exportPath) {
    const nas = spec.nas;
    await updateHostStateAsync(root, (s) =>
      mountNfs(root, s, { volume: backupVolumeName(spec), hosts: [nas.ip], share: nas.exportPath!, version: 'nfs41', readOnly: false, security: 'AUTH_SYS', persistent: true }),
    );
  }

  const now = Math.floor(Date.now() / 1000);
  updateHostState(root, (s) => {
    for (const vmSpec of spec.vms ?? seedVmSpecs(0)) {
      const vm = createVmFiles(root, s, vmSpec, s.nextVmid++);
      s.vms.push(vm);
      (vmSpec.snapshots ?? []).forEach((snap, i) => snapshotCreate(root, vm, snap.name, snap.description ?? '', now - (20 - i) * 86400));
    }
  });

  const install = spec.ghettovcb?.install ?? 'datastore';
  cachePayload(root, spec.ghettovcb?.scriptPath ?? STAND_IN);
  if (install === 'datastore' || install === 'both') installDatastoreCopy(root, backupVolume);
  if (install === 'vib' || install === 'both') {
    installVib(root);
    updateHostState(root, (s) => {
      s.acceptance = 'CommunitySupported';
      s.vibs.push({ ...GHETTOVCB_VIB, installDate: '2025-11-02' });
    });
  }
  const cron = (spec.ghettovcb?.cron ?? true) && install !== 'none' ? siteCronLine(backupVolume) : null;
  writeFileSync(hostPath(root, '/var/spool/cron/crontabs/root'), defaultCrontab(version) + (cron ? `${cron}\n` : ''));
  writeFileSync(hostPath(root, '/etc/rc.local.d/local.sh'), localSh(cron), { mode: 0o755 });
  writeFileSync(hostPath(root, '/etc/ssh/keys-root/authorized_keys'), '', { mode: 0o600 });
  saveState(root);
}


export { seedHistory } from './seed-history.ts';
