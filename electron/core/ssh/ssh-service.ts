import { AppError } from '../../../shared/errors/app-error.ts';
import type { Client } from 'ssh2';
import type { AuthPrompter } from '../ports/auth-prompter.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { ShellCommand } from '../shell/command.ts';
import type { HostTrust } from '../trust/host-trust.ts';
import { withDeadline } from './deadline.ts';
import { execOnClient, type ExecOptions, type ExecResult, type StreamOptions } from './exec.ts';
import { HostConnection } from './host-connection.ts';
import { list, readChunks, stat, withSftp, writeAtomic, type RemoteEntry } from './sftp.ts';
import { passwordSecretKey } from './auth.ts';
import { DEFAULT_POLICY, type ConnectionPolicy, type ConnectionState, type SshTarget } from './target.ts';

export interface SshServiceDeps {
  trust: HostTrust;
  prompter: AuthPrompter;
  secrets: SecretStore;
  policy?: Partial<ConnectionPolicy>;
  onState?(state: ConnectionState): void;
  /** Something the user should know that is not an error, e.g. a password could not be kept. */
  onNotice?(hostId: string, code: string): void;
}

/**
 * Every SSH operation of Custode goes through here: one connection per host, commands only as ShellCommand
 * values built by `core/shell/command.ts`, every call cancellable and bounded in time.
 */
export class SshService {
  readonly #deps: SshServiceDeps;
  readonly #policy: ConnectionPolicy;
  readonly #hosts = new Map<string, HostConnection>();

  constructor(deps: SshServiceDeps) {
    this.#deps = deps;
    this.#policy = { ...DEFAULT_POLICY, ...deps.policy };
  }

  /** Adds a host, or updates how to reach it (an open connection is dropped if anything changed). */
  register(target: SshTarget): void {
    const existing = this.#hosts.get(target.hostId);
    if (existing) return existing.retarget(target);
    this.#hosts.set(
      target.hostId,
      new HostConnection(target, {
        trust: this.#deps.trust,
        prompter: this.#deps.prompter,
        secrets: this.#deps.secrets,
        policy: this.#policy,
        onState: (state) => this.#deps.onState?.(state),
        onNotice: (hostId, code) => this.#deps.onNotice?.(hostId, code),
      }),
    );
  }

  unregister(hostId: string): void {
    this.#hosts.get(hostId)?.dispose();
    this.#hosts.delete(hostId);
  }

  connection(hostId: string): HostConnection {
    const connection = this.#hosts.get(hostId);
    if (!connection) throw new AppError('ssh.unknownHost', `No host ${hostId} is configured`, { hostId });
    return connection;
  }

  states(): ConnectionState[] {
    return [...this.#hosts.values()].map((c) => c.state);
  }

  async connect(hostId: string, options: ExecOptions = {}): Promise<void> {
    const deadline = withDeadline(options.signal, options.timeoutMs);
    try {
      await this.connection(hostId).connect(deadline.signal);
    } finally {
      deadline.done();
    }
  }

  disconnect(hostId: string): void {
    this.connection(hostId).close();
  }

  /** Runs a command to its end and returns its exit code and whole output. */
  run(hostId: string, command: ShellCommand, options: ExecOptions = {}): Promise<ExecResult> {
    return this.#onChannel(hostId, options, (client, signal) => execOnClient(client, command, { signal, keepOutput: true }));
  }

  /** Runs a command and hands over its output line by line as it arrives; the result carries no output. */
  stream(hostId: string, command: ShellCommand, options: StreamOptions): Promise<ExecResult> {
    return this.#onChannel(hostId, options, (client, signal) => execOnClient(client, command, { signal, keepOutput: false, onLine: options.onLine }));
  }

  list(hostId: string, path: string, options: ExecOptions = {}): Promise<RemoteEntry[]> {
    return this.#onChannel(hostId, options, (client, signal) => withSftp(client, signal, (sftp) => list(sftp, path)));
  }

  /**
   * Lists several folders on one SFTP session (each session is a channel and an sftp-server process on the host);
   * each folder's listing, or its error, comes apart from the others'.
   */
  listEach(hostId: string, paths: readonly string[], options: ExecOptions = {}): Promise<Array<PromiseSettledResult<RemoteEntry[]>>> {
    return this.#onChannel(hostId, options, (client, signal) => withSftp(client, signal, (sftp) => Promise.allSettled(paths.map((path) => list(sftp, path)))));
  }

  stat(hostId: string, path: string, options: ExecOptions = {}): Promise<RemoteEntry | null> {
    return this.#onChannel(hostId, options, (client, signal) => withSftp(client, signal, (sftp) => stat(sftp, path)));
  }

  /** Streams a file's content (from byte `offset`, default 0) to `onChunk`; resolves with the position reached. */
  read(hostId: string, path: string, onChunk: (chunk: Buffer) => void | Promise<void>, options: ExecOptions & { offset?: number } = {}): Promise<number> {
    return this.#onChannel(hostId, options, (client, signal) => withSftp(client, signal, (sftp) => readChunks(sftp, path, signal, onChunk, options.offset ?? 0)));
  }

  writeAtomic(hostId: string, path: string, data: Buffer | string, options: ExecOptions & { mode?: number } = {}): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    return this.#onChannel(hostId, options, (client, signal) => withSftp(client, signal, (sftp) => writeAtomic(sftp, path, bytes, options.mode)));
  }

  /** Forgets a remembered password (the user changed it, or no longer wants it kept). */
  async forgetPassword(hostId: string): Promise<void> {
    await this.#deps.secrets.delete(passwordSecretKey(hostId));
  }

  close(): void {
    for (const connection of this.#hosts.values()) connection.dispose();
    this.#hosts.clear();
  }

  async #onChannel<T>(hostId: string, options: ExecOptions, work: (client: Client, signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = withDeadline(options.signal, options.timeoutMs);
    try {
      return await this.connection(hostId).withClient(deadline.signal, (client) => work(client, deadline.signal));
    } finally {
      deadline.done();
    }
  }
}
