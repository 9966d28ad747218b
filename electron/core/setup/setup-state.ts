import { AppError } from '../../../shared/errors/app-error.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { readFileCommand, ROOT_CRONTAB, LOCAL_SH } from '../esxi/host-files.ts';
import { scheduledRuns } from '../fleet/cron-invocation.ts';
import type { EsxiFacts } from '../fleet/esxi-facts.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import { NAS_FACTS_SCHEMA, type NasFacts } from '../fleet/nas-probe.ts';
import { SCRIPT_HEADER_LINES, scriptVersionFromHeader } from '../fleet/script-version.ts';
import { midcltCommand, parseMidclt } from '../nas/midclt.ts';
import { sh } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import type { PinStore } from '../trust/pin-store.ts';
import { z } from 'zod';
import type { WeekDay } from '../../../shared/model/week-days.ts';
import { dowDays } from './days.ts';
import { exclusionPathOf } from './exclusions.ts';
import { installDirOf, nasJobDescription, nasKeyPath, nasKnownHostsPath } from './names.ts';
import { sha256Command } from './file-steps.ts';

/**
 * What a setup is planned from, read fresh: both machines probed again (the fleet probe), then the few files the
 * probe does not keep (the conf as it is, secrets included, held in memory only; authorized_keys; the NAS's cron
 * jobs and Custode's key there). Nothing is written.
 */
export const NasCronJob = z.object({
  id: z.number(),
  user: z.string(),
  command: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  schedule: z.object({ minute: z.string(), hour: z.string(), dom: z.string(), month: z.string(), dow: z.string() }).passthrough(),
}).passthrough();
export type NasCronJob = z.infer<typeof NasCronJob>;

export interface FileState {
  path: string;
  /** null: no such file. */
  text: string | null;
  sha256: string | null;
}

export interface SetupState {
  host: HostEntry;
  /** The host's address as the NAS sees it (vmk0), which names its dataset, datastore and export. */
  ip: string;
  esxi: EsxiFacts;
  esxiVersion: string;
  secureBoot: boolean;
  execInstalledOnly: boolean | null;
  nas: HostEntry;
  nasFacts: NasFacts;
  /** The address the host mounts the NAS by: what the other hosts use, else the one Custode uses. */
  nfsServer: string;
  /** The ghettoVCB folder: the installed copy's, else a new one on the first local datastore. */
  installDir: string;
  datastore: string;
  datastoreFreeBytes: number | null;
  script: FileState & { version: string | null };
  conf: FileState;
  crontab: FileState;
  localSh: FileState;
  authorizedKeys: FileState;
  nasJobs: NasCronJob[];
  nasKeyPub: string | null;
  nasKnownHosts: FileState;
  /** The host's pinned key, which the NAS is told to expect. */
  hostKey: { keyType: string; publicKey: string } | null;
  /** ghettoVCB's exclusion file: the one the host's line names with `-e`, else Custode's beside the conf. */
  exclusion: FileState;
  /** Times (HH:MM, on which days) at which other hosts writing to the same NAS run ghettoVCB. */
  otherTimes: Array<{ host: string; hour: number; minute: number; days: WeekDay[] }>;
}

export interface SetupReadDeps {
  fleet: FleetService;
  ssh: SshService;
  pins: PinStore;
}

async function readFile(ssh: SshService, hostId: string, path: string, signal: AbortSignal): Promise<FileState> {
  const r = await ssh.run(hostId, sh`if [ -f ${path} ]; then ${sha256Command(path)}; echo; ${readFileCommand(path)}; else echo custode.absent; fi`, { signal });
  if (r.exitCode !== 0) throw new AppError('setup.readFailed', `Could not read ${path}: ${r.stderr.trim()}`, { path });
  if (r.stdout.startsWith('custode.absent')) return { path, text: null, sha256: null };
  const nl = r.stdout.indexOf('\n');
  // sha256, an empty line, then the file verbatim.
  return { path, sha256: r.stdout.slice(0, nl).trim(), text: r.stdout.slice(nl + 2) };
}

function identityIp(facts: EsxiFacts, host: HostEntry): string {
  const vmk0 = facts.interfaces.find((i) => i.name === 'vmk0') ?? facts.interfaces[0];
  return vmk0?.address || host.address;
}

function simpleTime(minute: string, hour: string): { hour: number; minute: number } | null {
  return /^\d+$/.test(minute) && /^\d+$/.test(hour) ? { hour: Number(hour), minute: Number(minute) } : null;
}

export async function readSetupState(deps: SetupReadDeps, hostId: string, nasId: string, signal: AbortSignal): Promise<SetupState> {
  const host = deps.fleet.hosts.get(hostId);
  const nas = deps.fleet.hosts.get(nasId);
  if (host.role !== 'esxi') throw new AppError('setup.notEsxi', `${host.name} is not an ESXi host`, { host: host.name });
  if (nas.role !== 'nas') throw new AppError('setup.notNas', `${nas.name} is not a NAS; add it with fleet add-nas`, { nas: nas.name });
  const outcomes = await deps.fleet.refresh([hostId, nasId], { signal });
  const failed = outcomes.find((o) => o.error !== null);
  if (failed) throw new AppError(failed.error!.code, failed.error!.message, { host: failed.name });
  const esxi = deps.fleet.esxiFacts(hostId);
  const nasFacts = deps.fleet.probes.get<NasFacts>(nasId, NAS_FACTS_SCHEMA).facts;
  if (esxi === null || esxi.version === null || nasFacts === null || nasFacts.shares === null || nasFacts.nfs === null || nasFacts.system === null) {
    throw new AppError('setup.probeIncomplete', `${host.name} or ${nas.name} could not be read in full; see the fleet view`, { host: host.name });
  }
  const ip = identityIp(esxi, host);
  const sharePaths = new Set(nasFacts.shares.flatMap((s) => s.paths));
  const others = deps.fleet.esxiDetails().details.filter((d) => d.status.host.id !== hostId && d.facts !== null);
  const viaNas = others.flatMap((d) => d.facts!.mounts.filter((m) => sharePaths.has(m.share)).map((m) => ({ d, server: m.hosts[0] ?? nas.address })));
  const nfsServer = viaNas[0]?.server ?? nas.address;

  const installed = esxi.scripts.find((s) => s.kind === 'datastore');
  const vmfs = esxi.filesystems.filter((f) => f.type.startsWith('VMFS'));
  const datastore = installed ? (splitVolumePath(installed.path)?.volume ?? 'datastore1') : (vmfs.find((f) => f.volumeName === 'datastore1') ?? vmfs[0])?.volumeName ?? 'datastore1';
  const installDir = installed ? installed.path.slice(0, installed.path.lastIndexOf('/')) : installDirOf(datastore);
  const fs = esxi.filesystems.find((f) => f.volumeName === datastore || f.uuid === datastore);
  const scriptPath = `${installDir}/ghettoVCB.sh`;
  const runs = esxi.crontab === null ? [] : scheduledRuns(esxi.crontab);
  const ours = runs.find((r) => r.invocation.script === scriptPath)?.invocation;
  const confPath = ours?.globalConf ?? `${installDir}/ghettoVCB.conf`;

  const [scriptHead, conf, crontab, localSh, authorizedKeys, exclusion] = await Promise.all([
    deps.ssh.run(hostId, sh`if [ -f ${scriptPath} ]; then ${sha256Command(scriptPath)}; head -n ${SCRIPT_HEADER_LINES} ${scriptPath}; fi`, { signal }),
    readFile(deps.ssh, hostId, confPath, signal),
    readFile(deps.ssh, hostId, ROOT_CRONTAB, signal),
    readFile(deps.ssh, hostId, LOCAL_SH, signal),
    readFile(deps.ssh, hostId, '/etc/ssh/keys-root/authorized_keys', signal),
    readFile(deps.ssh, hostId, ours?.exclusionList ?? exclusionPathOf(confPath), signal),
  ]);
  const [jobsOut, keyPub, knownHosts] = await Promise.all([
    deps.ssh.run(nasId, midcltCommand('cronjob.query'), { signal }),
    deps.ssh.run(nasId, sh`cat ${nasKeyPath(ip) + '.pub'} 2>/dev/null`, { signal }),
    readFile(deps.ssh, nasId, nasKnownHostsPath(ip), signal),
  ]);
  const nasJobs = jobsOut.exitCode === 0 ? parseMidclt('cronjob.query', jobsOut.stdout, z.array(NasCronJob)) : [];
  const scriptSha = scriptHead.stdout === '' ? null : scriptHead.stdout.slice(0, 64);
  const pin = deps.pins.pinsFor(host.address, host.port)[0];

  const otherTimes: SetupState['otherTimes'] = [];
  for (const { d } of viaNas) {
    for (const r of d.facts!.crontab === null ? [] : scheduledRuns(d.facts!.crontab)) {
      const t = simpleTime(r.cron.minute.text, r.cron.hour.text);
      if (t) otherTimes.push({ host: d.status.host.name, ...t, days: r.cron.dayOfWeek.values as WeekDay[] });
    }
  }
  for (const job of nasJobs) {
    const t = simpleTime(job.schedule.minute, job.schedule.hour);
    if (t && job.description.startsWith('Custode: ghettoVCB') && job.description !== nasJobDescription(ip)) otherTimes.push({ host: job.description, ...t, days: dowDays(job.schedule.dow) });
  }
  return {
    host,
    ip,
    esxi,
    esxiVersion: esxi.version.version,
    secureBoot: esxi.secureBoot === 'enabled',
    execInstalledOnly: esxi.execInstalledOnly,
    nas,
    nasFacts,
    nfsServer,
    installDir,
    datastore,
    datastoreFreeBytes: fs?.free ?? null,
    script: { path: scriptPath, sha256: scriptSha, text: null, version: scriptSha === null ? null : scriptVersionFromHeader(scriptHead.stdout.slice(65)) },
    conf,
    crontab,
    localSh,
    authorizedKeys,
    exclusion,
    nasJobs,
    nasKeyPub: keyPub.exitCode === 0 && keyPub.stdout.trim() !== '' ? keyPub.stdout.trim() : null,
    nasKnownHosts: knownHosts,
    hostKey: pin ? { keyType: pin.keyType, publicKey: pin.publicKey } : null,
    otherTimes,
  };
}
