import { logLocation, scheduledRuns } from '../fleet/cron-invocation.ts';
import { DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { ROOT_CRONTAB } from '../esxi/host-files.ts';
import { cmd, joinPath, sh, type ShellCommand } from '../shell/command.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';

/**
 * A ghettoVCB run going on that Custode did not start (the schedule's, or one started at the console): found by
 * ghettoVCB's own lock (the work directory, with the pid it wrote there, alive) and its log: the `-l` file or the
 * stdout capture of the crontab's line (names with `$(date …)` are matched as patterns, the newest first), else
 * ghettoVCB's default `/tmp/ghettoVCB-<time>-<pid>.log`. A log is taken only when it names the pid
 * (`CONFIG - GHETTOVCB_PID = …`), so last night's file is never taken for tonight's run.
 */
export interface LockProbe {
  /** The pid in the lock, when the lock is there and that process lives. */
  pid: number | null;
  crontab: string;
  /** The host's `date '+%F %H:%M:%S'`. */
  hostNow: string | null;
}

const MARK = 'custode.cron';

export function lockProbeCommand(workdir = DEFAULT_WORKDIR): ShellCommand {
  return sh`echo ${MARK}.now=$(date '+%F %H:%M:%S'); if [ -d ${workdir} ]; then p=$(cat ${joinPath(workdir, 'pid')} 2>/dev/null); if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo ${MARK}.pid="$p"; fi; fi; echo ${MARK}.crontab; cat ${ROOT_CRONTAB} 2>/dev/null; true`;
}

export function parseLockProbe(text: string): LockProbe {
  const pid = new RegExp(`^${MARK}\\.pid=(\\d+)$`, 'm').exec(text)?.[1];
  const hostNow = new RegExp(`^${MARK}\\.now=(.+)$`, 'm').exec(text)?.[1] ?? null;
  const at = text.indexOf(`${MARK}.crontab\n`);
  return { pid: pid === undefined ? null : Number(pid), crontab: at < 0 ? '' : text.slice(at + MARK.length + 9), hostNow };
}

export interface LogPlace {
  dir: string;
  matches(name: string): boolean;
  /** The crontab line whose output this is; null for ghettoVCB's default log. */
  line: string | null;
}

/** Where the run's log may be, most likely first. */
export function logPlaces(crontab: string, pid: number): LogPlace[] {
  const places: LogPlace[] = [];
  for (const run of scheduledRuns(crontab)) {
    const path = run.invocation.logFile ?? run.invocation.stdoutTarget;
    const where = path === null ? null : logLocation(path);
    if (where !== null) places.push({ ...where, line: run.line });
  }
  const own = new RegExp(`^ghettoVCB-.+-${pid}\\.log$`);
  places.push({ dir: '/tmp', matches: (n) => own.test(n), line: null });
  return places;
}

/** At most `limit` files of a listing that may be the log, newest first. */
export function candidates(place: LogPlace, listing: readonly RemoteEntry[], limit = 5): string[] {
  return listing
    .filter((e) => e.type === 'file' && place.matches(e.name))
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name))
    .slice(0, limit)
    .map((e) => joinPath(place.dir, e.name));
}

/** Prints the files that name the pid in their CONFIG dump, in the order given. */
export function namesPidCommand(files: readonly string[], pid: number): ShellCommand {
  return cmd('grep', '-l', '-F', '-e', `GHETTOVCB_PID = ${pid}`, '--', ...files);
}

/** The first of `files` that `grep -l` printed. */
export function firstNamingPid(files: readonly string[], grepOutput: string): string | null {
  const printed = new Set(grepOutput.split('\n'));
  return files.find((f) => printed.has(f)) ?? null;
}

const STAMP = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) -- /;

/** When the run began on Custode's clock: its first log stamp, moved by how far the host's clock is from Custode's. */
export function startedAtFromLog(head: string, hostNow: string | null, now: number): number {
  const first = STAMP.exec(head)?.[1];
  const ms = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
  if (first === undefined || hostNow === null || Number.isNaN(ms(first)) || Number.isNaN(ms(hostNow))) return now;
  return now - Math.max(0, ms(hostNow) - ms(first));
}
