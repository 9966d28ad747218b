import { sh, type ShellCommand } from '../shell/command.ts';

/**
 * What a running ghettoVCB is copying right now. It sends each disk's vmkfstools output to a temp file in its work
 * directory (`ghettovcb.XXXXXX`, followed by `tail -f` for its stdout) and copies that into a `-l` log only when the
 * disk is done, so during a clone the `-l` log is silent: the disk and its `\r`-joined `Clone: N% done.` steps are
 * read from the temp file, the step still being written included. The host's clock comes with it, in the format of
 * the log's timestamps, so times are measured on one clock whatever the skew to Custode's.
 */
export interface LiveClone {
  /** The disk being copied (`Cloning disk '…'...`), null before vmkfstools printed it. */
  source: string | null;
  percent: number | null;
}

export interface LiveProbe {
  /** The host's `date '+%F %H:%M:%S'`, as the log stamps its lines. */
  hostNow: string | null;
  clone: LiveClone | null;
}

const MARK = 'custode.live';

export function liveProbeCommand(workdir: string): ShellCommand {
  return sh`echo ${MARK}.now=$(date '+%F %H:%M:%S'); for f in ${workdir}/ghettovcb.*; do [ -f "$f" ] || continue; echo ${MARK}.head; head -c 1024 "$f"; echo; echo ${MARK}.tail; tail -c 40 "$f"; echo; echo ${MARK}.end; done`;
}

/** The last whole `Clone: N% done.` step; the one after it may be cut mid-word. */
export function lastPercent(text: string): number | null {
  const m = [...text.matchAll(/Clone: (\d{1,3})% done\./g)].at(-1);
  return m ? Number(m[1]) : null;
}

export function parseLiveProbe(text: string): LiveProbe {
  const hostNow = new RegExp(`^${MARK}\\.now=(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)$`, 'm').exec(text)?.[1] ?? null;
  // With several temp files (one left by a killed run), the last one listed is as good a guess as any: one run holds the lock.
  const blocks = text.split(`${MARK}.head\n`).slice(1);
  const last = blocks.at(-1);
  if (last === undefined) return { hostNow, clone: null };
  const [head = '', rest = ''] = last.split(`\n${MARK}.tail\n`);
  const tail = rest.split(`\n${MARK}.end`)[0] ?? '';
  const source = /Cloning disk '(.*)'\.\.\./.exec(head)?.[1] ?? null;
  return { hostNow, clone: { source, percent: lastPercent(tail) ?? lastPercent(head) } };
}
