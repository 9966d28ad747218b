import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { ExecResult, OutputLine } from '../ssh/exec.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import type { ShellCommand } from '../shell/command.ts';
import { commandBatch } from './command-batch.ts';
import { limiter } from './concurrency.ts';

/**
 * What a probe may do on a host: run a read-only command, stream one, list a folder. Probes see only this, so the
 * unit tests replay recorded outputs and the bench records which commands a probe ran.
 */
export interface ProbeShell {
  run(command: ShellCommand): Promise<ExecResult>;
  stream(command: ShellCommand, onLine: (line: OutputLine) => void): Promise<ExecResult>;
  list(path: string): Promise<RemoteEntry[]>;
}

export interface ProbeLimits {
  /** Per command; a hung `vim-cmd` fails its own step, not the host. */
  commandTimeoutMs: number;
  /** Commands and listings in flight at once on one host. */
  concurrency: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { commandTimeoutMs: 20_000, concurrency: 4 };

interface Pending {
  command: ShellCommand;
  resolve(result: ExecResult): void;
  reject(error: unknown): void;
}

/**
 * The commands a probe asks for together (in one turn of the event loop) run as one exec (`commandBatch`): dealt
 * round-robin into at most `concurrency` lanes that run at once, so about as many commands are in flight as through a
 * gate of that width, on one channel (each one an sshd session and a shell on the host; a refresh of the lab's
 * large:50 went from 1,005 execs to 555 with one exec per lane, and to fewer with one per wave). A batch that times
 * out is run again one command per exec, so a hung `vim-cmd` still fails only its own step.
 */
export function sshProbeShell(ssh: SshService, hostId: string, signal: AbortSignal, limits: ProbeLimits = DEFAULT_PROBE_LIMITS): ProbeShell {
  const gate = limiter(limits.concurrency);
  const options = { signal, timeoutMs: limits.commandTimeoutMs };
  const runOne = (command: ShellCommand): Promise<ExecResult> => gate(() => ssh.run(hostId, command, options));
  const runWave = async (asked: Pending[]): Promise<void> => {
    if (asked.length === 1) return runOne(asked[0]!.command).then(asked[0]!.resolve, asked[0]!.reject);
    const lanes: Pending[][] = Array.from({ length: Math.min(limits.concurrency, asked.length) }, () => []);
    asked.forEach((p, i) => lanes[i % lanes.length]!.push(p));
    const dealt = lanes.flat();
    const batch = commandBatch(lanes.map((lane) => lane.map((p) => p.command)));
    let results: Array<ExecResult | AppError>;
    try {
      results = batch.split(await gate(() => ssh.run(hostId, batch.command, options)));
    } catch (error) {
      if (signal.aborted || !(error instanceof AppError) || error.code !== 'ssh.timeout') return dealt.forEach((p) => p.reject(error));
      return void (await Promise.all(dealt.map((p) => runOne(p.command).then(p.resolve, p.reject))));
    }
    results.forEach((r, i) => (r instanceof AppError ? dealt[i]!.reject(r) : dealt[i]!.resolve(r)));
  };
  let pending: Pending[] = [];
  const flush = (): void => {
    const asked = pending;
    pending = [];
    runWave(asked).catch((error: unknown) => asked.forEach((p) => p.reject(error)));
  };
  // Listings asked together share one SFTP session, as commands share an exec.
  let listings: Array<{ path: string; resolve(entries: RemoteEntry[]): void; reject(error: unknown): void }> = [];
  const flushListings = (): void => {
    const asked = listings;
    listings = [];
    gate(() => ssh.listEach(hostId, asked.map((l) => l.path), options)).then(
      (results) => results.forEach((r, i) => (r.status === 'fulfilled' ? asked[i]!.resolve(r.value) : asked[i]!.reject(r.reason))),
      (error: unknown) => asked.forEach((l) => l.reject(error)),
    );
  };
  return {
    run: (command) =>
      new Promise<ExecResult>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ command, resolve, reject });
      }),
    stream: (command, onLine) => gate(() => ssh.stream(hostId, command, { ...options, onLine })),
    list: (path) =>
      new Promise<RemoteEntry[]>((resolve, reject) => {
        if (listings.length === 0) setImmediate(flushListings);
        listings.push({ path, resolve, reject });
      }),
  };
}

/** A step of a probe that failed on its own; the rest of the probe goes on. */
export interface StepError {
  step: string;
  code: string;
  message: string;
}

export function stepError(step: string, error: unknown): StepError {
  const data = toErrorData(error);
  return { step, code: data.code, message: data.message.slice(0, 300) };
}

/** Failures that mean the connection itself is gone: the probe stops instead of failing every later step. */
const CONNECTION_CODES = new Set(['ssh.unreachable', 'ssh.disconnected', 'ssh.authFailed', 'ssh.authCancelled', 'ssh.hostKeyChanged', 'ssh.hostKeyUnknown', 'ssh.noAuthMethod', 'ssh.keyUnreadable', 'ssh.cancelled']);

export function isConnectionFailure(error: unknown): boolean {
  return error instanceof AppError && CONNECTION_CODES.has(error.code);
}

/** A command's stdout, or an error naming the command when it exited non-zero. */
export function stdoutOf(result: ExecResult, what: string): string {
  if (result.exitCode !== 0) {
    throw new AppError('fleet.commandFailed', `${what} exited with ${result.exitCode ?? result.exitSignal}`, {
      command: what,
      exitCode: result.exitCode,
      stderr: result.stderr.slice(0, 300),
    });
  }
  return result.stdout;
}
