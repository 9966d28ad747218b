import type { Client, ClientChannel } from 'ssh2';
import type { ShellCommand } from '../shell/command.ts';
import { cancelledError, sshError, SSH_ERRORS } from './errors.ts';
import { LineSplitter, type LineKind } from './line-splitter.ts';
import { dieWithChannel } from './remote-process.ts';

export interface ExecOptions {
  signal?: AbortSignal;
  /** Ends the command (on the host too) with `ssh.timeout`. */
  timeoutMs?: number;
}

export interface StreamOptions extends ExecOptions {
  /** Each complete line (`line`) or `\r` progress update (`progress`) as it arrives. */
  onLine(line: OutputLine): void;
}

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  kind: LineKind;
  text: string;
}

export interface ExecResult {
  /** null when the command was ended by a signal. */
  exitCode: number | null;
  exitSignal: string | null;
  stdout: string;
  stderr: string;
}

/** Output kept by `run()`; beyond it the command is ended rather than filling the workstation's memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

interface ExecSpec {
  signal: AbortSignal;
  onLine?: (line: OutputLine) => void;
  keepOutput: boolean;
}

/**
 * One command on an open connection. The command is wrapped so that closing the channel ends it on the host;
 * an abort (the caller's, or the timeout's) closes the channel; a lost connection rejects with `ssh.disconnected`.
 */
export function execOnClient(client: Client, command: ShellCommand, spec: ExecSpec): Promise<ExecResult> {
  const signal = spec.signal;
  if (signal.aborted) return Promise.reject(cancelledError(signal));
  return new Promise<ExecResult>((resolve, reject) => {
    let channel: ClientChannel | null = null;
    let settled = false;
    const onAbort = (): void => stop(cancelledError(signal));
    const onDrop = (): void => stop(sshError(SSH_ERRORS.disconnected, 'The connection was lost while the command ran'));
    const cleanup = (): void => {
      signal.removeEventListener('abort', onAbort);
      client.removeListener('close', onDrop);
    };
    const stop = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      if (channel) {
        // EOF first: the watcher on the host reads it and ends the command's whole process group.
        channel.end();
        channel.close();
      }
      reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    client.once('close', onDrop);

    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let buffered = 0;
    const sink = (which: 'stdout' | 'stderr', store: Buffer[]) => {
      const splitter = spec.onLine ? new LineSplitter((text, kind) => spec.onLine!({ stream: which, kind, text })) : null;
      return {
        data(chunk: Buffer): void {
          splitter?.push(chunk);
          if (!spec.keepOutput) return;
          buffered += chunk.length;
          if (buffered > MAX_BUFFERED_BYTES) return stop(sshError(SSH_ERRORS.cancelled, 'The command printed more than Custode keeps', { limit: MAX_BUFFERED_BYTES }));
          store.push(chunk);
        },
        end(): void {
          splitter?.end();
        },
      };
    };
    const stdout = sink('stdout', out);
    const stderr = sink('stderr', err);

    try {
      client.exec(dieWithChannel(command).text, (error, opened) => {
        if (error) {
          if (settled) return;
          settled = true;
          cleanup();
          // The server refused another session channel (MaxSessions) or the connection went away meanwhile.
          const refused = /open failed|administratively|resource shortage/i.test(error.message);
          return reject(refused
            ? sshError(SSH_ERRORS.channelLimit, 'The host refused another channel', { cause: error.message })
            : sshError(SSH_ERRORS.disconnected, 'The connection was lost before the command started', { cause: error.message }));
        }
        channel = opened;
        if (settled) {
          opened.end();
          opened.close();
          return;
        }
        let exitCode: number | null = null;
        let exitSignal: string | null = null;
        opened.on('exit', (code: number | null, sig?: string) => {
          exitCode = typeof code === 'number' ? code : null;
          exitSignal = sig ?? null;
        });
        opened.on('data', (d: Buffer) => stdout.data(d));
        opened.stderr.on('data', (d: Buffer) => stderr.data(d));
        opened.on('close', () => {
          if (settled) return;
          stdout.end();
          stderr.end();
          if (exitCode === null && exitSignal === null) return onDrop();
          settled = true;
          cleanup();
          resolve({ exitCode, exitSignal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
        });
      });
    } catch (error) {
      // ssh2 throws synchronously when the client is no longer connected.
      stop(sshError(SSH_ERRORS.disconnected, 'The connection was lost before the command started', { cause: String(error) }));
    }
  });
}
