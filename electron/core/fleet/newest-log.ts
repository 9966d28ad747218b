import { GhettoVcbLogParser } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { joinPath, pathArg, sh } from '../shell/command.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { LogFacts } from './esxi-facts.ts';
import type { ProbeShell } from './probe-shell.ts';

/**
 * Last night's result, from the newest ghettoVCB log in the folder the schedule writes to. Only the end of the file
 * is read (`tail -c`), streamed line by line through the log parser: a per-run file is small, and a `-l` file that
 * grows run after run has its newest run at the end.
 */
export const LOG_READ_CAP_BYTES = 2 * 1024 * 1024;

export function newestLog(listing: readonly RemoteEntry[], matches: (name: string) => boolean): RemoteEntry | null {
  let best: RemoteEntry | null = null;
  for (const e of listing) {
    if (e.type !== 'file' || !matches(e.name)) continue;
    if (best === null || e.mtime > best.mtime || (e.mtime === best.mtime && e.name > best.name)) best = e;
  }
  return best;
}

export async function readLastRun(shell: ProbeShell, dir: string, file: RemoteEntry, cap = LOG_READ_CAP_BYTES): Promise<LogFacts> {
  const path = joinPath(dir, file.name);
  const truncated = file.size > cap;
  const parser = new GhettoVcbLogParser();
  let first = true;
  // The folder comes from the crontab: a relative `-f…` would be read by tail as an option.
  await shell.stream(sh`tail -c ${cap} ${pathArg(path)}`, (line) => {
    if (line.stream !== 'stdout') return;
    // A cut file starts mid-line: that fragment is not a line of the log.
    if (first && truncated && line.kind === 'line') {
      first = false;
      return;
    }
    first = false;
    parser.feed(line.kind === 'progress' ? `${line.text}\r` : `${line.text}\n`);
  });
  const runs = parser.end().runs;
  const run: LogRun | undefined = runs[runs.length - 1];
  return {
    path,
    mtimeMs: file.mtime * 1000,
    sizeBytes: file.size,
    truncated,
    startedAt: run?.startedAt ?? null,
    finalStatus: run?.finalStatus ?? null,
    exitCode: run?.exitCode ?? null,
    aborted: run?.aborted ?? false,
    scriptVersion: run?.scriptVersion ?? null,
    outcomes: (run?.vms ?? []).map((v) => ({ name: v.name, outcome: v.outcome })),
  };
}
