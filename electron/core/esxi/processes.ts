import { raw, type ShellCommand } from '../shell/command.ts';
import { splitLines } from './output.ts';

/**
 * The process list. ESXi's `ps -c` prints `<WID> <CID> <world name, padded> <command line>` (ghettoVCB README:
 * `3360393 3360393 busybox              ash ./ghettoVCB.sh -f list -d debug`); a plain busybox `ps` (the lab, whose
 * ps has no -c) prints `PID USER [TIME] COMMAND`. Both are read; a line keeps every leading number as an id so a
 * pid written by `$$` matches whichever column carries it.
 */
export const processListCommand = (): ShellCommand => raw('ps -c 2>/dev/null || ps');

export interface ProcessEntry {
  ids: number[];
  /** The command line as printed (after the world name or user/time columns). */
  command: string;
  /** The command split on blanks; ps does not keep the original quoting. */
  words: string[];
  raw: string;
}

export function parseProcessList(text: string): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  let busyboxLayout = false;
  for (const line of splitLines(text)) {
    if (/^\s*PID\s+USER\b/.test(line)) busyboxLayout = true;
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m === null) continue;
    const ids = [Number(m[1])];
    let rest = m[2]!;
    const second = /^(\d+)\s+(.*)$/.exec(rest);
    if (!busyboxLayout && second) {
      ids.push(Number(second[1]));
      rest = second[2]!;
    } else if (busyboxLayout) {
      rest = rest.replace(/^\S+\s+(?:\d+:\d+(?::\d+)?\s+)?/, '');
    }
    const command = rest.trim();
    out.push({ ids, command, words: command.split(/\s+/).filter((w) => w !== ''), raw: line });
  }
  return out;
}
