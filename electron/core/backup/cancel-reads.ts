import type { SnapshotNode } from '../../../shared/model/snapshot.ts';
import { DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { splitLines } from '../esxi/output.ts';
import type { ProcessEntry } from '../esxi/processes.ts';
import { flattenSnapshots } from '../esxi/snapshot-tree.ts';
import { cmd, joinPath, sh, type ShellCommand } from '../shell/command.ts';

/**
 * What a cancel reads on the host before it plans, and the pure judgements on it. The lab's hosts share this
 * machine's process list (and a real host may run anything), so a process is only ever taken as part of the run
 * through its parent: the pid in ghettoVCB's lock, then that pid's descendants — never a name alone.
 */
export const LOCK_PID_FILE = joinPath(DEFAULT_WORKDIR, 'pid');

export interface ProcessNode {
  pid: number;
  ppid: number;
  command: string;
}

/**
 * The host's processes as `PID PPID COMMAND` lines. POSIX `ps -o` where it works (busybox, Linux). Where it does not
 * (ESXi's own `ps` is only verified with `-c`, which shows world and cartel ids but no parent), each process's parent
 * is read from /proc/<pid>/stat (the field after the `(comm)`, which may itself hold spaces and parentheses) and its
 * command line from /proc/<pid>/cmdline. With neither, what `ps -c` prints: no parent ids, so the cancel refuses and
 * says what to do by hand. A `ps` without parent ids cannot prove which process belongs to the run.
 */
const processTable = (args: boolean): string =>
  [
    't=$(ps -o pid,ppid,args 2>/dev/null)',
    `case "$t" in *PID*PPID*) printf '%s\\n' "$t"; exit 0;; esac`,
    'h=',
    'for d in /proc/[0-9]*; do',
    '  read -r s 2>/dev/null < "$d/stat" || continue',
    '  set -f; set -- ${s##*) }; set +f',
    // One process per entry for its command line (NULs between its words): only where the command is shown.
    args ? `  c=$(tr '\\000' ' ' < "$d/cmdline" 2>/dev/null)` : '  c=',
    `  [ -n "$h" ] || { echo 'PID PPID COMMAND'; h=1; }`,
    // The name in the stat's parentheses, for a process with no command line (a kernel thread).
    '  n=${s#*(}; n=${n%) *}',
    `  printf '%s %s %s\\n' "\${d#/proc/}" "$2" "\${c:-[$n]}"`,
    'done',
    '[ -n "$h" ] || ps -c 2>/dev/null',
    'exit 0',
  ].join('\n');

export const processTreeCommand = (): ShellCommand => cmd('sh', '-c', processTable(true));
/** The same table with parent ids only (what the stop needs, read twice while it runs): no process per entry. */
const parentTableCommand = (): ShellCommand => cmd('sh', '-c', processTable(false));

export function parseProcessTree(text: string): ProcessNode[] | null {
  const lines = splitLines(text);
  const head = lines.findIndex((l) => /^\s*PID\s+PPID\s/.test(l));
  if (head < 0) return null;
  const out: ProcessNode[] = [];
  for (const line of lines.slice(head + 1)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), command: m[3]!.trim() });
  }
  return out;
}

/** The entries the lock assessment reads: each with its own pid only, so a parent id can never pass for it. */
export const asProcessEntries = (tree: readonly ProcessNode[]): ProcessEntry[] =>
  tree.map((p) => ({ ids: [p.pid], command: p.command, words: p.command.split(/\s+/).filter((w) => w !== ''), raw: `${p.pid} ${p.command}` }));

/** Every process below `root` (children, their children…), parents before children. */
export function descendants(tree: readonly ProcessNode[], root: number): ProcessNode[] {
  const out: ProcessNode[] = [];
  const seen = new Set<number>([root]);
  for (let i = -1; i < out.length; i++) {
    const parent = i < 0 ? root : out[i]!.pid;
    for (const p of tree) {
      if (p.ppid === parent && !seen.has(p.pid)) {
        seen.add(p.pid);
        out.push(p);
      }
    }
  }
  return out;
}

/**
 * When ghettoVCB wrote its pid into the lock (host clock, epoch seconds): after taking the lock and before touching
 * any VM, so whatever this run created is at least as new. The lock folder's own time moves with its temp files.
 */
export const lockStartCommand = (): ShellCommand => cmd('stat', '-c', '%Y', LOCK_PID_FILE);

export function parseEpoch(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

const GHETTOVCB_SNAPSHOT = /^ghettoVCB-snapshot-\d{4}-\d{2}-\d{2}$/;

/** `created` is the host's clock, which on ESXi is UTC. */
const createdEpoch = (node: SnapshotNode): number | null => (node.created === null ? null : Date.parse(`${node.created}Z`) / 1000);

/**
 * The snapshots this run made on a VM: named as ghettoVCB names them AND created since the run took its lock. A
 * user's snapshot (any other name), or a ghettoVCB one left by an older run, is never among them.
 */
export function snapshotsOfRun(roots: readonly SnapshotNode[], since: number): SnapshotNode[] {
  return flattenSnapshots(roots).filter((n) => {
    const at = createdEpoch(n);
    return GHETTOVCB_SNAPSHOT.test(n.name) && at !== null && at >= since && n.id !== null;
  });
}

/** Whether the VM still has that snapshot, by name and id (exit 0), from `snapshot.get`'s field lines. */
const SNAPSHOT_THERE = [
  '{ sub(/^-+/, "") }',
  '/^Snapshot Name *: / { v = $0; sub(/^Snapshot Name *: /, "", v); sub(/ +$/, "", v); name = v; next }',
  '/^Snapshot Id *: / { v = $0; sub(/^Snapshot Id *: /, "", v); gsub(/ /, "", v); if (name == ENVIRON["CUSTODE_SNAPSHOT_NAME"] && v == i) found = 1 }',
  'END { exit found ? 0 : 1 }',
].join('\n');

export function snapshotThereCommand(getCommand: ShellCommand, name: string, id: number): ShellCommand {
  // The name through the environment, as it is: `awk -v` would read escapes in it (a user's snapshot named `a\b`
  // would never match). An id is digits.
  return sh`${getCommand} | ${cmd('env', `CUSTODE_SNAPSHOT_NAME=${name}`, 'awk', '-v', `i=${id}`, SNAPSHOT_THERE)}`;
}

/**
 * The copy folders (`<VM>/<VM>-<date>/`, relative to the backup volume) that have no STATUS file and changed since
 * the run started: the copy being written when the run stopped. Finished copies have their STATUS file.
 */
export function partialFoldersCommand(volume: string, since: number): ShellCommand {
  return sh`cd ${volume} 2>/dev/null || exit 0; for d in */*/; do [ -d "$d" ] || continue; set -- "$d"STATUS.*; [ -e "$1" ] && continue; [ "$(stat -c %Y "$d")" -ge ${since} ] && printf '%s\\n' "$d"; done`;
}

export interface PartialFolder {
  vm: string;
  /** Full path on the host, without the trailing slash. */
  path: string;
}

export function parsePartialFolders(volume: string, text: string): PartialFolder[] {
  return splitLines(text)
    .map((l) => /^([^/]+)\/([^/]+)\/$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ vm: m[1]!, path: joinPath(volume, m[1]!, m[2]!) }));
}

/**
 * Stops the run's processes: TERM to ghettoVCB first (its trap, run once the command it waits for ends, removes the
 * lock and exits 2, leaving the snapshot), then TERM to each of its descendants read at this moment (vmkfstools,
 * the `tail -f` of its output, a `sleep`), so the copy stops now; KILL for what is still there after 30 s. Exit 0
 * once ghettoVCB is gone.
 */
const DESCENDANTS = 'NR > 1 { parent[$1] = $2 } END { for (c in parent) { q = c; n = 0; while ((q in parent) && q != root && n < 64) { q = parent[q]; n++ } if (q == root && c != root) print c } }';

export function stopCommand(pid: number): ShellCommand {
  const alive = sh`kill -0 ${pid} 2>/dev/null`;
  const kids = sh`kids=$(${parentTableCommand()} | ${cmd('awk', '-v', `root=${pid}`, DESCENDANTS)})`;
  // The descendants are read again before a KILL: only processes below ghettoVCB at that moment are signalled.
  return sh`${kids}; kill -TERM ${pid} 2>/dev/null; [ -n "$kids" ] && kill -TERM $kids 2>/dev/null; i=0; while ${alive} && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done; if ${alive}; then ${kids}; kill -KILL ${pid} $kids 2>/dev/null; sleep 1; fi; ! ${alive}`;
}

export const goneCommand = (pid: number): ShellCommand => sh`! kill -0 ${pid} 2>/dev/null`;

/** The lock is the run's while the pid file in it names the run's process. */
export const lockOfCommand = (pid: number): ShellCommand => sh`[ -d ${DEFAULT_WORKDIR} ] && [ "$(cat ${LOCK_PID_FILE} 2>/dev/null)" = ${String(pid)} ]`;

export const sameRunCommand = (pid: number): ShellCommand => sh`${lockOfCommand(pid)} && kill -0 ${pid}`;

export const releaseLockCommand = (pid: number): ShellCommand => sh`if ${lockOfCommand(pid)}; then ${cmd('rm', '-rf', DEFAULT_WORKDIR)}; fi`;

export const lockReleasedCommand = (pid: number): ShellCommand => sh`! { ${lockOfCommand(pid)}; }`;

/** `[ "$(command)" = 'what it printed when the plan was made' ]`: the host is still as it was reviewed. */
export const unchangedCommand = (read: ShellCommand, expected: string): ShellCommand => sh`[ "$(${read})" = ${expected.replace(/\n+$/, '')} ]`;

export const MARKER = 'STATUS.error';

/** What a cancel writes in a partial copy's marker; verification knows a partial copy by it (verify-copy.ts). */
export const partialMarkText = (vm: string): string => `ERROR: Backup of ${vm} cancelled in Custode: this copy is partial and is not a backup`;
export const isPartialMark = (text: string | null): boolean => text !== null && / cancelled in Custode: this copy is partial and is not a backup/.test(text);

export function markCommand(folder: string, text: string): ShellCommand {
  return sh`( set -C; ${cmd('printf', '%s\\n', text)} > ${joinPath(folder, MARKER)} )`;
}

export const noMarkerCommand = (folder: string): ShellCommand => sh`[ -d ${folder} ] && cd ${folder} && set -- STATUS.* && [ ! -e "$1" ]`;
