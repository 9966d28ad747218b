// Starting, attaching to and driving a lab. startLab brings up the NAS and every ESXi host of a topology in parallel,
// each a real sshd in its own namespace; the returned Lab drives faults, reboots and cron, and stop() tears it down.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error.ts';
import { reapOrphanLabs, killLabSync, registerOwner, teardownLab } from './cleanup.ts';
import { advanceClock, parseDuration, parseOffset, setHostClock, type ClockAdvance, type ClockSet } from './clock.ts';
import { fireCron, type CronRun } from './cron.ts';
import { provisionHost, seedHistory } from './esxi-hooks.ts';
import { applyFault, isFaultName, FAULTS } from './faults.ts';
import { startHolder } from './holder.ts';
import { bootHost, powerOn, rebootHost, requireRunning } from './host-lifecycle.ts';
import { execInHost } from './host-process.ts';
import { hashPassword, writeEtcSkel } from './host-skel.ts';
import { ensureKey, fingerprintOfPublicKeyFile, generateKey } from './keys.ts';
import { buildEsxiUsrLayer, buildNasUsrLayer } from './layers.ts';
import { checkStateDir, DEFAULT_STATE_DIR, labPaths, NODE_BIN, REPO_DIR, type LabPaths } from './lab-paths.ts';
import { readLabRecord, writeLabRecord, type LabHostRecord, type LabRecord } from './lab-record.ts';
import { planLoopback } from './loopback.ts';
import { provisionNas } from './nas/provision.ts';
import { parseNasVersion } from './nas/versions.ts';
import { ensureRequirements } from './requirements.ts';
import { renderSshdConfig } from './sshd-config.ts';
import { simClient, simSocket, startSimulator } from './sim/resident.ts';
import { sharePath, topologyByName, volumeName, type EsxiDef } from './topology.ts';

export const DEFAULT_PASSWORD = 'Custode.Lab1';

/** A host as the API hands it out: its record without the process bookkeeping, and whether it is up. */
export type LabHost = Omit<LabHostRecord, 'runDir' | 'pid' | 'ns'> & { running: boolean };

export interface Lab {
  readonly stateDir: string;
  readonly topology: string;
  readonly nasStatePath: string;
  /** Re-read on every access: faults change pids and host keys. */
  readonly hosts: LabHost[];
  host(nameOrIdentityIp: string): LabHost;
  /** arg2: the per-VM faults' mode (`snapshot-fail VM hang`, `… VM off`), `datastore-full DS on|off|BYTES`. */
  fault(host: string, fault: string, arg?: string, arg2?: string): Promise<string>;
  reboot(host: string): Promise<void>;
  cron(host: string): Promise<CronRun[]>;
  /** Moves every machine's clock forward (`25h`, `90m`, or seconds) and runs the cron jobs that fell due, in order. */
  advanceClock(duration: string | number): Promise<ClockAdvance>;
  /** Sets one ESXi host's clock off the lab's (`-2h`, `+90m`, `0`, or seconds): a host without NTP. */
  setClock(host: string, offset: string | number): Promise<ClockSet>;
  stop(): Promise<void>;
}

export interface StartLabOptions {
  topology: string;
  stateDir?: string;
  /** sshd port on every host (default 22; another one is chosen when 22 is taken on loopback). */
  port?: number;
  password?: string;
  nasVersion?: string;
  /** Leave the lab running after this process exits (CLI `up --detach`). */
  detach?: boolean;
  /** Make the seed topology's three days of history (default true). */
  seedHistory?: boolean;
  /** Added to every simulated command's answer, as hostd and the middleware take time (default 0). */
  commandLatencyMs?: number;
  /**
   * The ghettoVCB.sh installed on every host (default: the lab's stand-in). The CLI passes `GHETTOVCB_SH`; tests that
   * want the real script say so, so a GHETTOVCB_SH exported for the comparison test does not change every other lab.
   */
  ghettovcbScript?: string;
  /** Hosts (names or site IPs) left bare: no ghettoVCB, NFS mount, cron line or NAS share (`up --bare`). */
  bare?: string[];
  /** Hosts that boot with UEFI Secure Boot on (`up --secure-boot`). */
  secureBoot?: string[];
  /** Hosts whose execInstalledOnly is set or cleared instead of their release's default. */
  execInstalledOnly?: Record<string, boolean>;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

async function prepareHostFiles(paths: LabPaths, host: LabHostRecord, passwordHash: string): Promise<void> {
  const hp = paths.host(host.name);
  mkdirSync(hp.runDir, { recursive: true });
  writeEtcSkel({ etcSkel: hp.etcSkel, role: host.role, hostname: host.hostname, passwordHash });
  if (!existsSync(hp.rsaHostKey) || !existsSync(hp.ecdsaHostKey)) {
    await Promise.all([generateKey(hp.rsaHostKey, 'rsa', host.hostname), generateKey(hp.ecdsaHostKey, 'ecdsa', host.hostname)]);
  }
  host.fingerprints = { ecdsa: fingerprintOfPublicKeyFile(hp.ecdsaHostKey + '.pub'), rsa: fingerprintOfPublicKeyFile(hp.rsaHostKey + '.pub') };
  host.fingerprint = host.fingerprints.ecdsa;
  writeFileSync(hp.sshdConfig, renderSshdConfig({ role: host.role, address: host.address, port: host.port, paths: hp }));
}

function authorizeClientKeys(paths: LabPaths, hostFs: string): void {
  const dir = join(hostFs, 'etc', 'ssh', 'keys-root');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'authorized_keys');
  const have = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const wanted = [paths.clientRsaKey, paths.clientEcdsaKey].map((k) => readFileSync(k + '.pub', 'utf8').trim());
  const missing = wanted.filter((k) => !have.includes(k));
  if (missing.length > 0) writeFileSync(file, have + (have === '' || have.endsWith('\n') ? '' : '\n') + missing.join('\n') + '\n', { mode: 0o600 });
}

async function provisionEsxi(paths: LabPaths, record: LabRecord, host: LabHostRecord, def: EsxiDef, nasIp: string, script: string | undefined): Promise<boolean> {
  const fresh = !existsSync(join(host.hostFs, 'etc', 'vmware', 'lab', 'state.json'));
  if (fresh) {
    await provisionHost(host.hostFs, {
      ...def.spec,
      ...(script !== undefined ? { ghettovcb: { ...def.spec.ghettovcb, scriptPath: script } } : {}),
      nas: def.bare === true ? { ip: nasIp, statePath: record.nasStatePath } : { ip: nasIp, statePath: record.nasStatePath, exportPath: sharePath(def.spec.ip), volumeName: volumeName(def.spec.ip) },
      repoDir: REPO_DIR,
      nodePath: NODE_BIN,
    });
  }
  authorizeClientKeys(paths, host.hostFs);
  return fresh;
}

async function saveConfig(host: LabHostRecord): Promise<void> {
  const result = await execInHost(requireRunning(host), '/sbin/auto-backup.sh', []);
  if (result.code !== 0) throw new AppError('lab.bootFailed', `auto-backup.sh failed on ${host.name}: ${result.stderr.trim()}`);
}

export async function startLab(options: StartLabOptions): Promise<Lab> {
  await ensureRequirements();
  await reapOrphanLabs();
  const stateDir = checkStateDir(options.stateDir ?? DEFAULT_STATE_DIR);
  if (/[:,'\s]/.test(stateDir)) throw new AppError('lab.stateDirInvalid', `The state dir may not contain spaces, quotes, ':' or ',': ${stateDir}`);
  await teardownLab(stateDir);
  const topology = topologyByName(options.topology, {
    ...(options.nasVersion === undefined ? {} : { nasVersion: parseNasVersion(options.nasVersion) }),
    ...(options.bare === undefined ? {} : { bare: options.bare }),
    ...(options.secureBoot === undefined ? {} : { secureBoot: options.secureBoot }),
    ...(options.execInstalledOnly === undefined ? {} : { execInstalledOnly: options.execInstalledOnly }),
  });
  const paths = labPaths(stateDir);
  mkdirSync(join(stateDir, 'keys'), { recursive: true });
  // The one mount point ESXi needs on the real root: /vmfs (every other ESXi folder comes from the host's /etc layer).
  mkdirSync('/vmfs', { recursive: true });
  const password = options.password ?? DEFAULT_PASSWORD;
  const client = simClient();
  const sim = client === null ? null : { client, socket: simSocket(paths) };
  const [passwordHash] = await Promise.all([
    hashPassword(password),
    ensureKey(paths.clientRsaKey, 'rsa', 'custode-lab'),
    ensureKey(paths.clientEcdsaKey, 'ecdsa', 'custode-lab'),
    buildEsxiUsrLayer(paths.esxiUsrLayer, sim),
  ]);
  buildNasUsrLayer(paths.nasUsrLayer, paths.nasState, sim);
  provisionNas(paths.nasState, paths.nasMnt, topology);
  const plan = await planLoopback(1 + topology.esxi.length, options.port ?? 22);
  const holderPid = await startHolder(paths);
  if (sim !== null) await startSimulator(paths, holderPid, options.commandLatencyMs ?? 0);
  const ownerPid = options.detach ? null : process.pid;
  const entry = (name: string, role: 'esxi' | 'nas', hostname: string, identityIp: string, index: number): LabHostRecord => {
    const hp = paths.host(name);
    return {
      name,
      role,
      hostname,
      identityIp,
      address: plan.address(index),
      port: plan.port,
      username: 'root',
      password,
      privateKeyPath: paths.clientRsaKey,
      privateKeyPaths: { rsa: paths.clientRsaKey, ecdsa: paths.clientEcdsaKey },
      fingerprint: '',
      fingerprints: { ecdsa: '', rsa: '' },
      hostFs: hp.hostFs,
      runDir: hp.runDir,
      pid: null,
      ns: null,
    };
  };
  const record: LabRecord = {
    version: 1,
    topology: topology.name,
    stateDir,
    createdAt: new Date().toISOString(),
    ownerPid,
    holderPid,
    nasStatePath: paths.nasState,
    hosts: [
      entry(topology.nas.name, 'nas', topology.nas.hostname, topology.nas.ip, 0),
      ...topology.esxi.map((h, i) => entry(h.name, 'esxi', h.spec.hostname, h.spec.ip, i + 1)),
    ],
  };
  writeLabRecord(paths.record, record);
  if (ownerPid !== null) {
    registerOwner(stateDir, ownerPid);
    installExitCleanup(stateDir);
  }
  try {
    const defs = new Map(topology.esxi.map((h) => [h.name, h]));
    const seedable: Array<[LabHostRecord, EsxiDef]> = [];
    await pool(record.hosts, 6, async (host) => {
      await prepareHostFiles(paths, host, passwordHash);
      const def = defs.get(host.name);
      if (host.role === 'esxi' && def !== undefined) {
        const fresh = await provisionEsxi(paths, record, host, def, topology.nas.ip, options.ghettovcbScript);
        if (fresh && def.seedHistoryDays > 0) seedable.push([host, def]);
        if (fresh) await bootHost(paths, record, host, { runLocalSh: false });
        else await powerOn(paths, record, host);
        // ESXi keeps /etc/ssh/keys-root across reboots only once auto-backup.sh saved it; do that now, as the
        // hourly job would, so the lab's client keys survive `lab reboot`.
        if (fresh) await saveConfig(host);
      } else {
        // The NAS keeps the client keys in its read-only /etc layer (runDir/etc), same AuthorizedKeysFile as ESXi.
        authorizeClientKeys(paths, paths.host(host.name).runDir);
        mkdirSync(join(host.hostFs, 'var', 'run', 'sshd'), { recursive: true });
        await bootHost(paths, record, host, { runLocalSh: false });
      }
    });
    writeLabRecord(paths.record, record);
    if (options.seedHistory !== false) {
      await pool(seedable, 2, async ([host, def]) => {
        await seedHistory(host.hostFs, def.seedHistoryDays, paths.nasState);
      });
    }
  } catch (err) {
    await teardownLab(stateDir);
    throw err;
  }
  return labHandle(paths);
}

const cleanupInstalled = new Set<string>();
/** Installed once per process: the set above empties between labs, and a handler per lab would pile up. */
let exitHandlers = false;

function installExitCleanup(stateDir: string): void {
  if (!exitHandlers) {
    exitHandlers = true;
    process.on('exit', () => {
      for (const dir of cleanupInstalled) killLabSync(dir);
    });
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        void Promise.all([...cleanupInstalled].map((dir) => teardownLab(dir))).finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)));
      });
    }
  }
  cleanupInstalled.add(stateDir);
}

function view(host: LabHostRecord, running: boolean): LabHost {
  return {
    name: host.name,
    role: host.role,
    hostname: host.hostname,
    identityIp: host.identityIp,
    address: host.address,
    port: host.port,
    username: host.username,
    password: host.password,
    privateKeyPath: host.privateKeyPath,
    privateKeyPaths: host.privateKeyPaths,
    fingerprint: host.fingerprint,
    fingerprints: host.fingerprints,
    hostFs: host.hostFs,
    running,
  };
}

function loadRecord(paths: LabPaths): LabRecord {
  const record = readLabRecord(paths.record);
  if (record === null) throw new AppError('lab.notRunning', `No lab in ${paths.stateDir} (start one with: npm run lab -- up)`, { stateDir: paths.stateDir });
  return record;
}

function findHost(record: LabRecord, key: string): LabHostRecord {
  const host = record.hosts.find((h) => h.name === key || h.identityIp === key || h.hostname === key || h.address === key);
  if (host === undefined) {
    throw new AppError('lab.hostUnknown', `No host ${key} in this lab; hosts: ${record.hosts.map((h) => h.name).join(', ')}`, { host: key });
  }
  return host;
}

function labHandle(paths: LabPaths): Lab {
  const isUp = (h: LabHostRecord): boolean => {
    try {
      requireRunning(h);
      return true;
    } catch {
      return false;
    }
  };
  return {
    stateDir: paths.stateDir,
    get topology() {
      return loadRecord(paths).topology;
    },
    nasStatePath: paths.nasState,
    get hosts() {
      return loadRecord(paths).hosts.map((h) => view(h, isUp(h)));
    },
    host(key) {
      const h = findHost(loadRecord(paths), key);
      return view(h, isUp(h));
    },
    async fault(key, fault, arg, arg2) {
      if (!isFaultName(fault)) throw new AppError('lab.faultUnknown', `Unknown fault ${fault}; one of ${FAULTS.join(', ')}`, { fault });
      const record = loadRecord(paths);
      return applyFault(paths, record, findHost(record, key), fault, arg, arg2);
    },
    async reboot(key) {
      const record = loadRecord(paths);
      await rebootHost(paths, record, findHost(record, key));
    },
    async cron(key) {
      const host = findHost(loadRecord(paths), key);
      return fireCron(host, requireRunning(host));
    },
    async advanceClock(duration) {
      return advanceClock(loadRecord(paths), typeof duration === 'number' ? duration : parseDuration(duration));
    },
    async setClock(key, offset) {
      return setHostClock(findHost(loadRecord(paths), key), typeof offset === 'number' ? offset : parseOffset(offset));
    },
    async stop() {
      await teardownLab(paths.stateDir);
      cleanupInstalled.delete(paths.stateDir);
    },
  };
}

/** A handle on a lab started elsewhere (`lab up --detach`, a Playwright global setup). */
export function attachLab(stateDir: string = DEFAULT_STATE_DIR): Lab {
  const paths = labPaths(checkStateDir(stateDir));
  loadRecord(paths);
  return labHandle(paths);
}
