import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { BackupRun, VmProgress } from '../../../shared/model/backup.ts';
import { GhettoVcbLogParser } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { DEFAULT_WORKDIR } from '../esxi/ghettovcb-lock.ts';
import { cmd, seq, sh } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { liveProbeCommand, parseLiveProbe, type LiveProbe } from './live-clone.ts';
import type { LiveInput } from './live-progress.ts';
import { vmProgress } from './progress.ts';
import { endedOutcomes } from './share-full-read.ts';
import type { RunStore } from './run-store.ts';

/**
 * Following a run: its log on the share is read over SSH from the byte offset kept in SQLite, each piece appended
 * to Custode's copy of the log and only then the offset moved on, so after a lost link, a sleeping laptop or a
 * restart the reading goes on from exactly there: no byte is lost or read twice. The run is over when the wrapper
 * wrote ghettoVCB's exit status; it is lost when the wrapper is gone without one (a reboot, a kill -9).
 */
export interface FollowDeps {
  ssh: SshService;
  runs: RunStore;
  /** Where Custode keeps its copy of each run's log (`<id>.log`). */
  copiesDir: string;
  now?: () => number;
  pollMs?: number;
  /** How long the host may stay unreachable before following gives up (the run itself goes on). */
  giveUpMs?: number;
}

export interface FollowContext {
  signal: AbortSignal;
  /** Each new piece of the log, exactly as on the share. */
  onBytes?(chunk: Buffer): void;
  onProgress?(vms: VmProgress[]): void;
  /** What the live view is made of (live-progress.ts), each time something new is known. */
  onLive?(input: LiveInput): void;
}

const COMMAND_TIMEOUT_MS = 30_000;
/** Failures after which the link may come back: following waits and reads on from the same offset. */
const LINK_LOST = new Set(['ssh.unreachable', 'ssh.disconnected', 'ssh.timeout', 'ssh.channelLimit']);
const MARK = 'custode.exit';

export const runCopyPath = (copiesDir: string, runId: string): string => join(copiesDir, `${runId}.log`);

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Exit status written by the wrapper, or whether the run is still alive: the wrapper's pid, else (a start whose pid
 * Custode never saw) the pid ghettoVCB logged; with neither, nothing can be running.
 */
function endProbe(run: BackupRun, loggedPid: number | null) {
  const pid = run.pid ?? loggedPid;
  const alive = pid === null ? cmd('false') : cmd('kill', '-0', pid);
  return sh`if [ -f ${run.exitPath} ]; then echo ${MARK}=$(cat ${run.exitPath}); elif ${alive} 2>/dev/null; then echo ${MARK}=running; else echo ${MARK}=gone; fi`;
}

function parseEndProbe(text: string): { state: 'running' | 'gone' } | { state: 'exited'; code: number | null } {
  const v = new RegExp(`^${MARK.replace('.', '\\.')}=(.*)$`, 'm').exec(text)?.[1]?.trim();
  if (v === 'running' || v === undefined) return { state: 'running' };
  if (v === 'gone') return { state: 'gone' };
  return { state: 'exited', code: /^\d+$/.test(v) ? Number(v) : null };
}

export { runOutcomes } from './share-full.ts';

export async function followRun(runId: string, deps: FollowDeps, ctx: FollowContext): Promise<BackupRun> {
  const { ssh, runs } = deps;
  const now = deps.now ?? Date.now;
  const pollMs = deps.pollMs ?? 500;
  const giveUpMs = deps.giveUpMs ?? 10 * 60_000;
  let run = runs.get(runId);
  if (run.state !== 'running' && run.state !== 'starting') return run;
  mkdirSync(deps.copiesDir, { recursive: true, mode: 0o700 });
  const copy = runCopyPath(deps.copiesDir, runId);
  // The copy is exactly the bytes up to the kept offset: a piece written before a crash but not yet counted is cut.
  let offset = run.logOffset;
  const size = existsSync(copy) ? statSync(copy).size : 0;
  if (size > offset) truncateSync(copy, offset);
  else if (size < offset) offset = size;
  const parser = new GhettoVcbLogParser();
  const decoder = new TextDecoder('utf-8');
  if (offset > 0) parser.feed(decoder.decode(readFileSync(copy), { stream: true }));
  const fd = openSync(copy, 'a', 0o600);
  const current = (): LogRun | null => parser.result().runs.at(-1) ?? null;
  let probe: LiveProbe | null = null;
  let probeAt: number | null = null;
  // The percent of the disk being copied, from ghettoVCB's work dir (live-clone.ts); null once new log lines came.
  let cloning: number | null = null;
  const live = (): void => ctx.onLive?.({ run: current(), partial: parser.live(), probe, probeAt, now: now() });
  const report = (): void => {
    ctx.onProgress?.(vmProgress(current(), run.vms, cloning));
    live();
  };
  const keep = (chunk: Buffer): void => {
    writeSync(fd, chunk);
    offset += chunk.length;
    runs.advance(runId, offset);
    parser.feed(decoder.decode(chunk, { stream: true }));
    ctx.onBytes?.(chunk);
  };
  const readNew = async (): Promise<number> => {
    const before = offset;
    try {
      await ssh.read(run.hostId, run.logPath, keep, { signal: ctx.signal, timeoutMs: COMMAND_TIMEOUT_MS, offset });
    } catch (error) {
      // The log appears when ghettoVCB writes its first line.
      if (!(error instanceof AppError && error.code === 'ssh.fileNotFound')) throw error;
    }
    return offset - before;
  };
  try {
    report();
    let failingSince: number | null = null;
    for (;;) {
      ctx.signal.throwIfAborted();
      try {
        const got = await readNew();
        if (got > 0) {
          cloning = null;
          report();
        } else {
          // One call tells whether the run ended and what it is copying (ghettoVCB writes no log line meanwhile).
          const out = (await ssh.run(run.hostId, seq(endProbe(run, current()?.pid ?? null), liveProbeCommand(DEFAULT_WORKDIR)), { signal: ctx.signal, timeoutMs: COMMAND_TIMEOUT_MS })).stdout;
          const end = parseEndProbe(out);
          probe = parseLiveProbe(out);
          probeAt = now();
          if (end.state === 'running') {
            const percent = probe.clone?.percent ?? null;
            if (percent !== cloning) {
              cloning = percent;
              report();
            } else live();
          }
          if (end.state !== 'running') {
            // What the script wrote between the last read and its end.
            await readNew();
            parser.feed(decoder.decode());
            const last = parser.end().runs.at(-1) ?? null;
            ctx.onProgress?.(vmProgress(last, run.vms));
            ctx.onLive?.({ run: last, partial: { vm: null, source: null, percent: null }, probe: null, probeAt: null, now: now() });
            runs.ended(runId, {
              // A run with no wrapper (one Custode found going on) has ended when its log says how.
              state: end.state === 'exited' || last?.finalStatus != null ? 'ended' : 'lost',
              at: now(),
              exitCode: end.state === 'exited' ? end.code : (last?.exitCode ?? null),
              finalStatus: last?.finalStatus ?? null,
              // A share that filled up during the run cut its log there: each VM's end is explained (share-full.ts).
              outcomes: await endedOutcomes(ssh, run, last, ctx.signal),
              bytes: null,
              durationMs: now() - run.startedAt,
            });
            return runs.get(runId);
          }
        }
        failingSince = null;
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        const lost = error instanceof AppError && LINK_LOST.has(error.code);
        if (!lost) throw error;
        failingSince ??= now();
        if (now() - failingSince > giveUpMs) {
          throw new AppError('backup.followLost', `${run.hostName} has not answered for ${Math.round(giveUpMs / 60_000)} minutes; the run goes on there and can be followed again with attach`, { host: run.hostName, runId });
        }
      }
      await sleep(pollMs, ctx.signal);
      run = runs.get(runId);
    }
  } finally {
    closeSync(fd);
  }
}
