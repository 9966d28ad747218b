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
 * The commands a probe asks for together (in one turn of the event loop) are dealt round-robin into at most
 * `concurrency` lanes, and each lane runs as one exec (`commandBatch`): the same commands, about as many in flight
 * at once as through a gate of that width, on far fewer channels (each one an sshd session and a shell on the host;
 * a refresh of the lab's large:50 went from 1,005 execs to 555). A lane that times out is run again one command per
 * exec, so a hung `vim-cmd` still fails only its own step.
 */
export function sshProbeShell(ssh: SshService, hostId: string, signal: AbortSignal, limits: ProbeLimits = DEFAULT_PROBE_LIMITS): ProbeShell {
  const gate = limiter(limits.concurrency);
  const options = { signal, timeoutMs: limits.commandTimeoutMs };
  const runOne = (command: ShellCommand): Promise<ExecResult> => gate(() => ssh.run(hostId, command, options));
  const runLane = async (lane: Pending[]): Promise<void> => {
    if (lane.length === 1) return runOne(lane[0]!.command).then(lane[0]!.resolve, lane[0]!.reject);
    const batch = commandBatch(lane.map((p) => p.command));
    let results: Array<ExecResult | AppError>;
    try {
      results = batch.split(await gate(() => ssh.run(hostId, batch.command, options)));
    } catch (error) {
      if (signal.aborted || !(error instanceof AppError) || error.code !== 'ssh.timeout') return lane.forEach((p) => p.reject(error));
      return void (await Promise.all(lane.map((p) => runOne(p.command).then(p.resolve, p.reject))));
    }
    results.forEach((r, i) => (r instanceof AppError ? lane[i]!.reject(r) : lane[i]!.resolve(r)));
  };
  let pending: Pending[] = [];
  const flush = (): void => {
    const asked = pending;
    pending = [];
    const lanes: Pending[][] = Array.from({ length: Math.min(limits.concurrency, asked.length) }, () => []);
    asked.forEach((p, i) => lanes[i % lanes.length]!.push(p));
    for (const lane of lanes) runLane(lane).catch((error: unknown) => lane.forEach((p) => p.reject(error)));
  };
  return {
    run: (command) =>
      new Promise<ExecResult>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ command, resolve, reject });
      }),
    stream: (command, onLine) => gate(() => ssh.stream(hostId, command, { ...options, onLine })),
    list: (path) => gate(() => ssh.list(hostId, path, options)),
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
