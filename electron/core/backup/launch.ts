import type { SnapshotPick } from './consolidate.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { RunSetup } from '../../../shared/model/backup.ts';
import { DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { cmd, joinPath, raw, sh, type ShellCommand } from '../shell/command.ts';

/**
 * Starting ghettoVCB detached on the host, so it outlives the SSH link and Custode: `setsid` (or `nohup` where the
 * host's busybox has no setsid) runs a small `sh -c` wrapper in its own session with no terminal; the wrapper runs
 * the script through `/bin/sh` (ESXi 8's execInstalledOnly refuses a datastore script run directly) and writes the
 * script's exit status to a file in /tmp when it ends. The log is a new file on the backup share (`-l`), named for
 * this run. ghettoVCB's own lock is used as it is: never `-w`.
 */
export interface RunFiles {
  /** `-l`: the log on the backup share. */
  log: string;
  /** The other files' common start, in the host's /tmp. */
  base: string;
  /** The wrapper writes ghettoVCB's exit status here (host /tmp: gone after a reboot, like the run itself). */
  exit: string;
  /** ghettoVCB's stderr (busybox errors, the lock's `mkdir` error), which its log never holds. */
  stderr: string;
  /**
   * ghettoVCB's stdout: every line of its log again, kept off the share, so a share that fills up during the run
   * (its log there then stops) does not take the VMs' results with it (share-full.ts).
   */
  stdout: string;
  /** `-f`: the VM list, when more than one VM is chosen. */
  vmList: string;
}

/** Custode's own run logs on the share: a schedule's `ghettoVCB-*.log` pattern matches them too. */
export const CUSTODE_LOG_PREFIX = 'ghettoVCB-custode-';

export function runFiles(logDir: string, runId: string, startedAt: number): RunFiles {
  if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new AppError('backup.badRunId', `Not a run id: ${runId}`);
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = `/tmp/custode-run-${runId}`;
  return {
    log: joinPath(logDir, `${CUSTODE_LOG_PREFIX}${stamp}-${runId.slice(0, 8)}.log`),
    base,
    exit: `${base}.exit`,
    stderr: `${base}.err`,
    stdout: `${base}.out`,
    vmList: `${base}.vms`,
  };
}

export interface RunRequest {
  /** Empty: every VM on the host (`-a`). */
  vms: readonly string[];
  dryRun: boolean;
  /** Snapshots the user picked to remove before the run starts (consolidate.ts); none when absent. */
  consolidate?: readonly SnapshotPick[];
}

/** The ghettoVCB arguments of a run: never more than 12 words, never `-m` with `-f`, never `-w`. */
export function ghettoVcbArgs(setup: RunSetup, request: RunRequest, files: RunFiles): string[] {
  const selection = request.vms.length === 0 ? ['-a'] : request.vms.length === 1 ? ['-m', request.vms[0]!] : ['-f', files.vmList];
  return [...selection, ...(setup.conf !== null ? ['-g', setup.conf] : []), '-l', files.log, ...(request.dryRun ? ['-d', 'dryrun'] : [])];
}

/** Writes the VM list for `-f`, one name a line, refusing to replace a file that is there. */
export function vmListCommand(files: RunFiles, vms: readonly string[]): ShellCommand {
  for (const v of vms) if (v.includes('\n')) throw new AppError('backup.vmNameNewline', 'A VM name with a line break cannot go in a ghettoVCB list', { vm: v });
  return sh`( set -C; ${cmd('printf', '%s\\n', ...vms)} > ${files.vmList} )`;
}

const WRAPPER = 'b=$1; shift; /bin/sh "$@" >"$b.out" 2>"$b.err"; echo $? >"$b.exit.tmp" && mv "$b.exit.tmp" "$b.exit"';

/** The start itself; it prints `custode.pid=<pid of the wrapper>` and returns at once. */
export function launchCommand(setup: RunSetup, request: RunRequest, files: RunFiles): ShellCommand {
  const wrapped = cmd('/bin/sh', '-c', WRAPPER, 'custode-run', files.base, setup.script, ...ghettoVcbArgs(setup, request, files));
  return sh`if command -v setsid >/dev/null 2>&1; then d=setsid; else d=nohup; fi; cd /; $d ${wrapped} </dev/null >/dev/null 2>&1 & echo custode.pid=$!`;
}

/** The stdout file of a run Custode started (its files share the exit file's start); null for one it found going on. */
export const runOutputPath = (run: { exitPath: string }): string | null => (run.exitPath.endsWith('.exit') ? `${run.exitPath.slice(0, -'.exit'.length)}.out` : null);

export function launchCommandOutput(output: string): number | null {
  const m = /^custode\.pid=(\d+)$/m.exec(output);
  return m ? Number(m[1]) : null;
}

/** Holds when no ghettoVCB run has the lock: its work directory does not exist. */
export const lockFreeCommand = (): ShellCommand => cmd('test', raw('!'), '-e', DEFAULT_WORKDIR);
export const fileExistsCommand = (path: string): ShellCommand => cmd('test', '-e', path);
