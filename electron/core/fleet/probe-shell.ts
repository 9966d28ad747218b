import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { ShellCommand } from '../shell/command.ts';
import type { ExecResult, OutputLine } from '../ssh/exec.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { SshService } from '../ssh/ssh-service.ts';
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

export function sshProbeShell(ssh: SshService, hostId: string, signal: AbortSignal, limits: ProbeLimits = DEFAULT_PROBE_LIMITS): ProbeShell {
  const gate = limiter(limits.concurrency);
  const options = { signal, timeoutMs: limits.commandTimeoutMs };
  return {
    run: (command) => gate(() => ssh.run(hostId, command, options)),
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
