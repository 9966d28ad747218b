import { randomBytes } from 'node:crypto';
import type { Client, SFTPWrapper, Stats } from 'ssh2';
import { cancelledError, sshError, SSH_ERRORS } from './errors.ts';

export type RemoteFileType = 'file' | 'directory' | 'symlink' | 'other';

export interface RemoteEntry {
  name: string;
  type: RemoteFileType;
  size: number;
  /** Seconds since the epoch, as SFTP reports it. */
  mtime: number;
  mode: number;
}

const SFTP_NO_SUCH_FILE = 2;

function typeOf(stats: Stats): RemoteFileType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFile()) return 'file';
  return 'other';
}

function sftpError(error: unknown, path: string): Error {
  const e = error as { code?: number; message?: string };
  if (e?.code === SFTP_NO_SUCH_FILE) return sshError(SSH_ERRORS.fileNotFound, `No such file: ${path}`, { path });
  return sshError(SSH_ERRORS.sftpFailed, `SFTP failed on ${path}: ${e?.message ?? String(error)}`, { path, cause: e?.message ?? String(error) });
}

const call = <T>(path: string, run: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(sftpError(err, path)) : resolve(value))));

/** Opens an SFTP session for the duration of `work`; an abort or a lost connection ends it. */
export function withSftp<T>(client: Client, signal: AbortSignal, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError(signal));
  return new Promise<T>((resolve, reject) => {
    let session: SFTPWrapper | null = null;
    let settled = false;
    const done = (error: Error | null, value?: T): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      client.removeListener('close', onDrop);
      session?.end();
      if (error) reject(error);
      else resolve(value as T);
    };
    const onAbort = (): void => done(cancelledError(signal));
    const onDrop = (): void => done(sshError(SSH_ERRORS.disconnected, 'The connection was lost during a file transfer'));
    signal.addEventListener('abort', onAbort, { once: true });
    client.once('close', onDrop);
    try {
      client.sftp((error, sftp) => {
        if (error) return done(sshError(SSH_ERRORS.sftpFailed, 'The host refused an SFTP session', { cause: error.message }));
        session = sftp;
        if (settled) return sftp.end();
        work(sftp).then((value) => done(null, value), (e: Error) => done(e));
      });
    } catch (error) {
      done(sshError(SSH_ERRORS.disconnected, 'The connection was lost before the file transfer started', { cause: String(error) }));
    }
  });
}

export async function list(sftp: SFTPWrapper, path: string): Promise<RemoteEntry[]> {
  const entries = await call<{ filename: string; attrs: Stats }[]>(path, (cb) => sftp.readdir(path, cb as never));
  return entries
    .map((e) => ({ name: e.filename, type: typeOf(e.attrs), size: e.attrs.size, mtime: e.attrs.mtime, mode: e.attrs.mode }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The entry at `path` (a symlink itself, not its target), or null when nothing is there. */
export async function stat(sftp: SFTPWrapper, path: string): Promise<RemoteEntry | null> {
  try {
    const s = await call<Stats>(path, (cb) => sftp.lstat(path, cb));
    return { name: path.slice(path.lastIndexOf('/') + 1), type: typeOf(s), size: s.size, mtime: s.mtime, mode: s.mode };
  } catch (error) {
    if ((error as { code?: string }).code === SSH_ERRORS.fileNotFound) return null;
    throw error;
  }
}

/**
 * Reads a file chunk by chunk as it arrives, so a large log never sits whole in memory; from byte `from` on (the
 * new end of a log that grew). Resolves with the number of bytes read.
 */
export async function readChunks(sftp: SFTPWrapper, path: string, signal: AbortSignal, onChunk: (chunk: Buffer) => void | Promise<void>, from = 0): Promise<number> {
  const handle = await call<Buffer>(path, (cb) => sftp.open(path, 'r', cb));
  let position = from;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      if (signal.aborted) throw cancelledError(signal);
      const read = await call<number>(path, (cb) => sftp.read(handle, buffer, 0, buffer.length, position, ((err: Error | null | undefined, n: number) => cb(err, n)) as never));
      if (read === 0) break;
      position += read;
      await onChunk(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    await call<void>(path, (cb) => sftp.close(handle, cb as never)).catch(() => undefined);
  }
  return position - from;
}

/**
 * Writes a file so that readers see either the old content or the whole new one: a temporary file in the same
 * folder, flushed, then renamed over the target (OpenSSH's posix-rename, which replaces atomically).
 */
export async function writeAtomic(sftp: SFTPWrapper, path: string, data: Buffer, mode = 0o644): Promise<void> {
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
  const tmp = `${dir}.${path.slice(slash + 1)}.custode-${randomBytes(6).toString('hex')}.tmp`;
  const handle = await call<Buffer>(tmp, (cb) => sftp.open(tmp, 'wx', { mode }, cb));
  try {
    let offset = 0;
    while (offset < data.length) {
      const length = Math.min(32 * 1024, data.length - offset);
      await call<void>(tmp, (cb) => sftp.write(handle, data, offset, length, offset, cb as never));
      offset += length;
    }
    // fsync where the server offers it, so a crash cannot leave a renamed-but-empty file.
    await call<void>(tmp, (cb) => sftp.ext_openssh_fsync(handle, cb as never)).catch(() => undefined);
    await call<void>(tmp, (cb) => sftp.close(handle, cb as never));
    await call<void>(path, (cb) => sftp.ext_openssh_rename(tmp, path, cb as never));
  } catch (error) {
    await call<void>(tmp, (cb) => sftp.close(handle, cb as never)).catch(() => undefined);
    await call<void>(tmp, (cb) => sftp.unlink(tmp, cb as never)).catch(() => undefined);
    throw error;
  }
}
