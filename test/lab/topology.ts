// The simulated sites. Identity IPs (10.0.0.x) are data only: esxcli reports them and the NAS ACL checks them, while
// every host really listens on its own loopback address. Nothing ever connects to an identity IP.
import { AppError } from '../../shared/errors/app-error.ts';
import { HOSTILE_NAME } from './esxi/seed.ts';
import type { HostSpec, VmSpec } from './esxi/spec.ts';
import { DEFAULT_NAS_VERSION, type NasVersion } from './nas/versions.ts';

export const NAS_POOL = 'UniventionBackup';
export const BACKUP_PARENT = `${NAS_POOL}/ESXI_VM_backups`;

export interface NasDef {
  name: string;
  hostname: string;
  ip: string;
  version: NasVersion;
  /** Usable size of the backup pool: what the NAS reports its datasets may fill, whatever this machine has free. */
  poolGB: number;
}

export interface EsxiDef {
  name: string;
  /** Everything part B's provisionHost needs except the NAS link, which the lab fills in. */
  spec: Omit<HostSpec, 'nas'>;
  /** Run the ghettoVCB stand-in with a shifted clock to leave three days of backups and logs. */
  seedHistoryDays: number;
  /** A new or reinstalled host: no ghettoVCB, no NFS mount, no cron line, and no share for it on the NAS. */
  bare?: boolean;
}

export interface Topology {
  name: string;
  nas: NasDef;
  esxi: EsxiDef[];
}

export function shareDataset(ip: string): string {
  return `${BACKUP_PARENT}/ESXI_${ip}`;
}

export function sharePath(ip: string): string {
  return `/mnt/${shareDataset(ip)}`;
}

export function volumeName(ip: string): string {
  return `VM_backup_${ip}`;
}

const NAS: NasDef = { name: 'truenas', hostname: 'truenas', ip: '10.0.0.50', version: DEFAULT_NAS_VERSION, poolGB: 10 * 1024 };

/**
 * Provisioned sizes as a school's VMs have them. Each flat extent is a sparse file holding a few hundred KB of real
 * data, so a 500 GB disk costs this machine next to nothing, ghettoVCB's dry run and every space check see 500 GB,
 * and the NAS accounts a thin copy at its data and a thick one at its full size (nas/space.ts).
 */
const GB = 1024;

function seedVms(role: string): VmSpec[] {
  return [
    { name: `${role}-dc01`, guestId: 'windows2019srv_64Guest', memoryMB: 4096, numCpu: 2, disks: [{ sizeMB: 120 * GB }] },
    { name: `${role}-files`, guestId: 'debian12_64Guest', disks: [{ sizeMB: 500 * GB }, { sizeMB: 100 * GB, mode: 'independent-persistent' }] },
    { name: `${role}-app`, guestId: 'ubuntu64Guest', disks: [{ sizeMB: 60 * GB }], snapshots: [{ name: 'prima-aggiornamento', description: 'before update' }] },
    { name: `${role} gestionale scuola`, guestId: 'windows9_64Guest', disks: [{ sizeMB: 80 * GB }], annotation: 'Registro elettronico' },
    { name: `${role}-test`, guestId: 'otherLinux64Guest', power: 'off', disks: [{ sizeMB: 40 * GB }] },
  ];
}

function esxi(ip: string, hostname: string, vms: VmSpec[], seedHistoryDays: number, capacityGB = 1863): EsxiDef {
  const spec: Omit<HostSpec, 'nas'> = {
    hostname,
    ip,
    datastores: [{ name: 'datastore1', type: 'VMFS-6', capacityGB }],
    vms,
    ghettovcb: { install: 'datastore', cron: true },
  };
  return { name: hostname, spec, seedHistoryDays };
}

const SEED_HOSTS: Array<[string, string, string]> = [
  ['10.0.0.2', 'esxi-02', 'didattica'],
  ['10.0.0.6', 'esxi-06', 'lab'],
  ['10.0.0.7', 'esxi-07', 'biblio'],
  ['10.0.0.8', 'esxi-08', 'segreteria'],
  ['10.0.0.12', 'esxi-12', 'server'],
];

function seed(): Topology {
  return { name: 'seed', nas: NAS, esxi: SEED_HOSTS.map(([ip, name, role]) => esxi(ip, name, seedVms(role), 3)) };
}

function small(): Topology {
  return {
    name: 'small',
    nas: NAS,
    esxi: [
      esxi(
        '10.0.0.8',
        'esxi-08',
        [
          { name: 'segreteria-dc01', disks: [{ sizeMB: 100 * GB }] },
          { name: 'segreteria app', disks: [{ sizeMB: 60 * GB }] },
          // The awkward cases the issue asks the lab to hold: a VM on a second datastore, and a name with shell
          // metacharacters (ghettoVCB's ERE lookup cannot find it, exactly as upstream).
          { name: 'archivio-2019', power: 'off', datastore: 'datastore2', disks: [{ sizeMB: 40 * GB }] },
          { name: HOSTILE_NAME, guestId: 'otherLinux64Guest', power: 'off', disks: [{ sizeMB: 40 * GB }] },
        ],
        0,
        931,
      ),
    ],
  };
}

function large(n: number): Topology {
  const hosts: EsxiDef[] = [];
  for (let i = 0; i < n; i++) {
    const ip = `10.0.${1 + Math.floor(i / 200)}.${1 + (i % 200)}`;
    hosts.push(esxi(ip, `esxi-${String(i + 1).padStart(3, '0')}`, [{ name: `vm-${i + 1}-a`, disks: [{ sizeMB: 40 * GB }] }], 0, 931));
  }
  return { name: `large:${n}`, nas: NAS, esxi: hosts };
}

/**
 * A host as the setup wizard finds it: ESXi with its VMs and nothing of the backups. Secure Boot and
 * execInstalledOnly as asked (ESXi 8 has execInstalledOnly on by default).
 */
export function bareHost(def: EsxiDef, options: { secureBoot?: boolean; execInstalledOnly?: boolean } = {}): EsxiDef {
  const spec: Omit<HostSpec, 'nas'> = {
    ...def.spec,
    ghettovcb: { install: 'none', cron: false },
    ...(options.secureBoot !== undefined ? { secureBoot: options.secureBoot } : {}),
    ...(options.execInstalledOnly !== undefined ? { execInstalledOnly: options.execInstalledOnly } : {}),
  };
  return { ...def, spec, seedHistoryDays: 0, bare: true };
}

/** One host set up as the site has them (esxi-08) and one bare host (esxi-20) on the same NAS. */
function bare(): Topology {
  return {
    name: 'bare',
    nas: NAS,
    esxi: [esxi('10.0.0.8', 'esxi-08', seedVms('segreteria').slice(0, 2), 1), bareHost(esxi('10.0.0.20', 'esxi-20', seedVms('aula').slice(0, 3), 0))],
  };
}

export interface TopologyOptions {
  nasVersion?: NasVersion;
  /** Hosts (names or site IPs) to leave bare, in any topology. */
  bare?: readonly string[];
  /** Hosts that boot with UEFI Secure Boot on (local.sh never runs). */
  secureBoot?: readonly string[];
  /** Hosts whose execInstalledOnly is set (1) or cleared (0) instead of their release's default. */
  execInstalledOnly?: Readonly<Record<string, boolean>>;
}

function named(def: EsxiDef, keys: readonly string[] | undefined): boolean {
  return keys?.includes(def.name) === true || keys?.includes(def.spec.ip) === true;
}

export function topologyByName(name: string, options: TopologyOptions = {}): Topology {
  const t = baseTopology(name);
  const known = new Set(t.esxi.flatMap((h) => [h.name, h.spec.ip]));
  for (const key of [...(options.bare ?? []), ...(options.secureBoot ?? []), ...Object.keys(options.execInstalledOnly ?? {})]) {
    if (!known.has(key)) throw new AppError('lab.hostUnknown', `No host ${key} in topology ${t.name}; hosts: ${t.esxi.map((h) => h.name).join(', ')}`, { host: key });
  }
  const exec = (def: EsxiDef): boolean | undefined => options.execInstalledOnly?.[def.name] ?? options.execInstalledOnly?.[def.spec.ip];
  const esxiDefs = t.esxi.map((def) => {
    const shaped = named(def, options.bare) ? bareHost(def) : def;
    const secureBoot = named(def, options.secureBoot) ? { secureBoot: true } : {};
    const execOnly = exec(def) === undefined ? {} : { execInstalledOnly: exec(def)! };
    return { ...shaped, spec: { ...shaped.spec, ...secureBoot, ...execOnly } };
  });
  return { ...t, esxi: esxiDefs, nas: options.nasVersion === undefined ? t.nas : { ...t.nas, version: options.nasVersion } };
}

function baseTopology(name: string): Topology {
  if (name === 'seed') return seed();
  if (name === 'small') return small();
  if (name === 'bare') return bare();
  const m = /^large:(\d+)$/.exec(name);
  if (m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 250) return large(Number(m[1]));
  throw new AppError('lab.topologyUnknown', `Unknown topology ${name}: use small, seed, bare or large:N (1–250)`, { topology: name });
}
