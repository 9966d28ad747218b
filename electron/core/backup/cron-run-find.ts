import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { NOT_BY_CUSTODE, startedByCustode, type BackupRun } from '../../../shared/model/backup.ts';
import { cmd } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { sleep } from './follow.ts';
import { candidates, firstNamingPid, lockProbeCommand, logPlaces, namesPidCommand, parseLockProbe, startedAtFromLog } from './cron-run.ts';
import type { RunStore } from './run-store.ts';

export interface FindDeps {
  ssh: SshService;
  runs: RunStore;
  now: () => number;
  /** How often, and how many times, to look for the log of a run that has the lock but has not logged its pid yet. */
  pollMs?: number;
  tries?: number;
}

const COMMAND_TIMEOUT_MS = 30_000;

/**
 * The run going on on a host: the one Custode started and still follows, else a run holding ghettoVCB's lock that
 * Custode did not start, recorded now (once: found again by its pid) as started by `cron`. null: nothing runs.
 */
export async function findRunGoingOn(host: { id: string; name: string }, deps: FindDeps, signal: AbortSignal): Promise<BackupRun | null> {
  const { ssh, runs } = deps;
  const mine = runs.latest(host.id);
  if (mine !== null && (mine.state === 'running' || mine.state === 'starting') && startedByCustode(mine)) return mine;
  const run = (c: Parameters<SshService['run']>[1]) => ssh.run(host.id, c, { signal, timeoutMs: COMMAND_TIMEOUT_MS });
  const tries = deps.tries ?? 30;
  for (let i = 0; i < tries; i++) {
    const lock = parseLockProbe((await run(lockProbeCommand())).stdout);
    if (lock.pid === null) return null;
    const known = runs.list(host.id).find((r) => r.pid === lock.pid && (r.state === 'running' || r.state === 'starting'));
    if (known !== undefined) return known;
    for (const place of logPlaces(lock.crontab, lock.pid)) {
      let listing;
      try {
        listing = await ssh.list(host.id, place.dir, { signal, timeoutMs: COMMAND_TIMEOUT_MS });
      } catch (error) {
        if (error instanceof AppError && error.code === 'ssh.fileNotFound') continue;
        throw error;
      }
      const files = candidates(place, listing);
      if (files.length === 0) continue;
      const log = firstNamingPid(files, (await run(namesPidCommand(files, lock.pid))).stdout);
      if (log === null) continue;
      const head = (await run(cmd('head', '-c', 4096, log))).stdout;
      const now = deps.now();
      const id = randomUUID();
      runs.add({
        id,
        hostId: host.id,
        hostName: host.name,
        startedAt: startedAtFromLog(head, lock.hostNow, now),
        startedBy: NOT_BY_CUSTODE,
        reason: place.line ?? '',
        vms: [],
        dryRun: false,
        logPath: log,
        // No wrapper writes an exit status: the run has ended when its pid is gone, and its log says how.
        exitPath: '',
      });
      runs.started(id, null, lock.pid);
      return runs.get(id);
    }
    // The lock is taken before the log names the pid: look again shortly.
    await sleep(deps.pollMs ?? 500, signal);
  }
  throw new AppError('backup.runLogNotFound', `A ghettoVCB run holds the lock on ${host.name}, but Custode found no log naming its pid`, { host: host.name });
}
