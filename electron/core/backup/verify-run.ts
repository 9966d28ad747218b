import type { RunVerify, VmVerify } from '../../../shared/model/backup-history.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { backupCopies, type VolumeEntry } from '../ghettovcb/layout/copies.ts';
import { stampMs } from '../ghettovcb/log/stamp.ts';
import type { LogRun, LogVm } from '../ghettovcb/log/types.ts';
import { cmd, joinPath, pathArg } from '../shell/command.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { isPartialMark } from './cancel-reads.ts';
import { expectsCopy, judgeVm, noCopy, partialCopy, type CopyFile, type DiskEvidence } from './verify-copy.ts';

/**
 * Verifying a run on the share, from the host's side, reading only: SFTP listings of each VM folder and of the
 * run's copy folder in it, and `head -c` of the STATUS file and of the disk descriptors (source and copy), built
 * through the shell-quoting module. Where the run's copy is comes from its own log: the CONFIG lines name the backup
 * volume, the rotation and the folder's timestamp (`VM_BACKUP_DIR_NAMING_CONVENTION`), the clone lines the disks.
 */
export interface VerifyIo {
  /** null: the folder is not there. */
  list(path: string): Promise<RemoteEntry[] | null>;
  /** The start of a small text file; null when it cannot be read. */
  read(path: string): Promise<string | null>;
}

/** Descriptors and STATUS files are a few hundred bytes; a binary `.vmdk` (monolithic sparse) is never read whole. */
const READ_CAP = 64 * 1024;
const COMMAND_TIMEOUT_MS = 30_000;

export function sshVerifyIo(ssh: SshService, hostId: string, signal: AbortSignal): VerifyIo {
  const options = { signal, timeoutMs: COMMAND_TIMEOUT_MS };
  return {
    async list(path) {
      try {
        return await ssh.list(hostId, path, options);
      } catch (error) {
        if (error instanceof AppError && error.code === 'ssh.fileNotFound') return null;
        throw error;
      }
    },
    async read(path) {
      const result = await ssh.run(hostId, cmd('head', '-c', READ_CAP, pathArg(path)), options);
      return result.exitCode === 0 ? result.stdout : null;
    },
  };
}

/**
 * What the run's own log does not say (an older script, a cut log, a stdout capture that missed vmkfstools' lines):
 * the conf's values, and each VM's disks as its .vmx lists them (the ones ghettoVCB copies), by VM name.
 */
export interface VerifyFallback {
  volume: string | null;
  rotation: number | null;
  disks: ReadonlyMap<string, readonly string[]>;
}

const entryType = (e: RemoteEntry): VolumeEntry['type'] => (e.type === 'directory' ? 'dir' : e.type === 'symlink' ? 'link' : 'file');
const toEntry = (path: string, e: RemoteEntry): VolumeEntry => ({ path, type: entryType(e), size: e.size, mtimeMs: e.mtime * 1000 });
const count = (text: string | undefined): number | null => (text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

async function verifyVm(run: LogRun, vm: LogVm, fallback: VerifyFallback, io: VerifyIo, cutOff: boolean): Promise<VmVerify> {
  const setting = (key: string): string | undefined => vm.config?.[key] ?? run.config[key];
  const volume = setting('VM_BACKUP_VOLUME') ?? fallback.volume;
  const rotation = count(setting('VM_BACKUP_ROTATION_COUNT')) ?? fallback.rotation;
  if (volume === null || volume.trim() === '') return noCopy(vm.name, 'noVolume');
  const vmDir = joinPath(volume, vm.name);
  const listing = (await io.list(vmDir)) ?? [];
  const entries = listing.map((e) => toEntry(`${vm.name}/${e.name}`, e));
  const naming = setting('VM_BACKUP_DIR_NAMING_CONVENTION')?.trim();
  const started = stampMs(run.startedAt);
  const findCopy = () => {
    const copies = backupCopies(entries).find((v) => v.vm === vm.name)?.copies ?? [];
    // Index mode writes `<VM>-0`; without the CONFIG line, the newest copy made since the run began.
    if (naming !== undefined && naming !== '') return copies.find((c) => c.name === `${vm.name}-${naming}` || c.name === `${vm.name}-${naming}.gz`) ?? null;
    return copies.find((c) => started !== null && c.mtimeMs >= started - 60_000) ?? null;
  };
  const shallow = findCopy();
  const files: CopyFile[] = [];
  if (shallow !== null && !shallow.compressed) {
    const copyDir = joinPath(vmDir, shallow.name);
    const inside = (await io.list(copyDir)) ?? [];
    for (const e of inside) {
      entries.push(toEntry(`${vm.name}/${shallow.name}/${e.name}`, e));
      if (e.type === 'file') files.push({ path: e.name, size: e.size });
    }
    // Disks from another datastore are copied into a subfolder named for it (reference 6.1).
    for (const sub of inside.filter((e) => e.type === 'directory')) {
      for (const e of (await io.list(joinPath(copyDir, sub.name))) ?? []) if (e.type === 'file') files.push({ path: `${sub.name}/${e.name}`, size: e.size });
    }
    for (const e of inside.filter((x) => /^STATUS\.(ok|warn|error)$/.test(x.name))) {
      const entry = entries.find((x) => x.path === `${vm.name}/${shallow.name}/${e.name}`)!;
      entry.content = (await io.read(joinPath(copyDir, e.name))) ?? '';
    }
  }
  const vmCopies = backupCopies(entries).find((v) => v.vm === vm.name)?.copies ?? [];
  const copy = shallow === null ? null : (vmCopies.find((c) => c.name === shallow.name) ?? null);
  if (cutOff || (copy?.status === 'error' && isPartialMark(copy.statusText))) return partialCopy(vm.name, vmDir, copy, vmCopies.length, rotation);
  const logged = vm.disks.flatMap((d) => (d.source === null ? [] : [d.source]));
  // A restricted VMDK list makes the .vmx's disks a wrong guess: only the log can say which were copied.
  const sources = logged.length > 0 || (setting('VMDK_FILES_TO_BACKUP') ?? 'all') !== 'all' ? logged : (fallback.disks.get(vm.name) ?? []);
  const disks: DiskEvidence[] = [];
  for (const source of sources) {
    if (copy === null || copy.compressed) continue;
    const name = source.slice(source.lastIndexOf('/') + 1);
    const copyPath = files.find((f) => f.path === name)?.path ?? files.find((f) => f.path.endsWith(`/${name}`))?.path ?? null;
    const [sourceText, copyText] = await Promise.all([io.read(source), copyPath === null ? null : io.read(`${vmDir}/${copy.name}/${copyPath}`)]);
    disks.push({ source, sourceText, copyPath, copyText });
  }
  return judgeVm({ vm: vm.name, vmDir, copy, copiesOnDisk: vmCopies.length, rotation, disks, files });
}

/** `cancelled`: the VMs whose copy a cancel cut off (reported partial, never a good copy nor a failed one). */
export async function verifyRun(run: LogRun | null, fallback: VerifyFallback, io: VerifyIo, now: number, cancelled: ReadonlySet<string> = new Set()): Promise<RunVerify> {
  const vms: VmVerify[] = [];
  for (const vm of run?.vms ?? []) {
    vms.push(expectsCopy(vm.outcome, run!.dryrun) ? await verifyVm(run!, vm, fallback, io, cancelled.has(vm.name)) : noCopy(vm.name, run!.dryrun ? 'dryrun' : vm.outcome));
  }
  const verdict = vms.some((v) => v.verdict === 'failed') ? 'problems' : vms.some((v) => v.verdict === 'verified') ? 'verified' : 'nothing';
  return { at: now, verdict, vms };
}
