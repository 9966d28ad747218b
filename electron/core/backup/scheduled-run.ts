import { createHash } from 'node:crypto';
import { parseLog } from '../ghettovcb/log/parser.ts';
import { stampMs } from '../ghettovcb/log/stamp.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { LOG_READ_CAP_BYTES, newestLog } from '../fleet/newest-log.ts';
import { joinPath } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { lockFreeCommand } from './launch.ts';
import { endedOutcomes } from './share-full-read.ts';
import type { CronRun } from './history-store.ts';
import { scheduleLogs } from './scheduled-log.ts';

/**
 * The newest run the host's schedule started, read from its log on the share over SFTP (only the end of a large
 * file: a `-l` file that grows night after night has its newest run at the end). A run still writing its log (no
 * Final status yet, not cut short, ghettoVCB's lock held) is not returned: it is verified once it ended. A share that
 * filled up during the run is explained per VM as far as its log allows (share-full.ts).
 */
export interface ScheduledRunFound {
  record: CronRun;
  run: LogRun;
}

const COMMAND_TIMEOUT_MS = 30_000;

export async function newestScheduledRun(ssh: SshService, host: { id: string; name: string }, crontab: string | null, signal: AbortSignal): Promise<ScheduledRunFound | null> {
  const logs = scheduleLogs(crontab);
  if (logs === null) return null;
  const options = { signal, timeoutMs: COMMAND_TIMEOUT_MS };
  const file = newestLog(await ssh.list(host.id, logs.dir, options), logs.matches);
  if (file === null) return null;
  const path = joinPath(logs.dir, file.name);
  const offset = Math.max(0, file.size - LOG_READ_CAP_BYTES);
  const chunks: Buffer[] = [];
  await ssh.read(host.id, path, (c) => void chunks.push(c), { ...options, offset });
  let text = Buffer.concat(chunks).toString('utf8');
  // A cut file starts mid-line: that fragment is not a line of the log.
  if (offset > 0) text = text.slice(text.indexOf('\n') + 1);
  const run = parseLog(text).runs.at(-1);
  if (run === undefined) return null;
  // A log that stops without a Final status is a run still going while ghettoVCB holds its lock; once the lock is
  // free, the run ended without finishing its log (a full share, a kill): what it says is all there is.
  if (run.finalStatus === null && !run.aborted && (await ssh.run(host.id, lockFreeCommand(), options)).exitCode !== 0) return null;
  const startedAt = stampMs(run.startedAt) ?? file.mtime * 1000;
  const endedAt = stampMs(run.endedAt);
  const id = `cron-${createHash('sha256').update(`${host.id}\0${path}\0${run.startedAt ?? file.mtime}`).digest('hex').slice(0, 32)}`;
  return {
    run,
    record: {
      id,
      hostId: host.id,
      hostName: host.name,
      startedAt,
      logPath: path,
      endedAt,
      exitCode: run.exitCode,
      finalStatus: run.finalStatus,
      outcomes: await endedOutcomes(ssh, { hostId: host.id, exitPath: '', vms: [] }, run, signal),
      durationMs: endedAt === null ? null : endedAt - startedAt,
      dryRun: run.dryrun,
    },
  };
}
