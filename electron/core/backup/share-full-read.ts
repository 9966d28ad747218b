import { AppError } from '../../../shared/errors/app-error.ts';
import type { BackupRun, RunVmOutcome } from '../../../shared/model/backup.ts';
import { splitVolumePath } from '../esxi/datastore-path.ts';
import { filesystemListCommand, parseFilesystems } from '../esxi/filesystems.ts';
import { compactBytes } from '../fleet/compact-bytes.ts';
import { parseLog } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { runOutputPath } from './launch.ts';
import { explainShareFull, logLooksCut, vmOutOfSpace } from './share-full.ts';

/**
 * The reads behind share-full.ts, done once a run ended and only when its log looks cut or a disk copy failed:
 * the run's stdout on the host, and the backup datastore's free space as ESXi sees it now. A read that fails leaves
 * that piece unknown; the run's end is recorded either way.
 */
const COMMAND_TIMEOUT_MS = 30_000;

/** What a run's end is read from: its host, Custode's files of it (none for a run the schedule started), the VMs asked for. */
export type EndedRun = Pick<BackupRun, 'hostId' | 'exitPath' | 'vms'>;

async function readOutput(ssh: SshService, run: EndedRun, signal: AbortSignal): Promise<LogRun | null> {
  const path = runOutputPath(run);
  if (path === null) return null;
  const chunks: Buffer[] = [];
  try {
    await ssh.read(run.hostId, path, (c) => void chunks.push(c), { signal, timeoutMs: COMMAND_TIMEOUT_MS });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  return parseLog(Buffer.concat(chunks).toString('utf8')).runs.at(-1) ?? null;
}

/** Free bytes of the datastore a `/vmfs/volumes/<name|uuid>/…` path is on. */
async function readFree(ssh: SshService, hostId: string, volumePath: string, signal: AbortSignal): Promise<number | null> {
  const volume = splitVolumePath(volumePath)?.volume;
  if (volume === undefined) return null;
  try {
    const result = await ssh.run(hostId, filesystemListCommand(), { signal, timeoutMs: COMMAND_TIMEOUT_MS });
    if (result.exitCode !== 0) return null;
    return parseFilesystems(result.stdout).find((f) => f.volumeName === volume || f.uuid === volume)?.free ?? null;
  } catch (error) {
    if (signal.aborted || !(error instanceof AppError)) throw error;
    return null;
  }
}

/** The VMs' outcomes of a run that ended, `log` being what its log on the share said. */
export async function endedOutcomes(ssh: SshService, run: EndedRun, log: LogRun | null, signal: AbortSignal): Promise<RunVmOutcome[]> {
  const plain = { log, output: null, requested: [], share: null, freeBytes: null, freeText: null };
  // Only a run whose log looks cut, or with a disk copy that failed, may have met a full share.
  if (!logLooksCut(log) && !(log?.vms ?? []).some((v) => v.outcome === 'error_vmdk' || vmOutOfSpace(v))) return explainShareFull(plain);
  const output = await readOutput(ssh, run, signal);
  const volumePath = log?.config['VM_BACKUP_VOLUME'] ?? output?.config['VM_BACKUP_VOLUME'] ?? null;
  const freeBytes = volumePath === null ? null : await readFree(ssh, run.hostId, volumePath, signal);
  const share = volumePath === null ? null : (splitVolumePath(volumePath)?.volume ?? volumePath);
  return explainShareFull({ ...plain, output, requested: run.vms, share, freeBytes, freeText: freeBytes === null ? null : compactBytes(freeBytes) });
}
