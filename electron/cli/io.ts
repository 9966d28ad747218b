import { closeSync, openSync, readSync } from 'node:fs';
import { access, constants, readFile, stat } from 'node:fs/promises';

/** What a command may touch: its output streams and its inputs. Tests and the launcher supply it. */
export interface CliIo {
  /**
   * Text, or UTF-8 bytes that end on a whole character (a long output encoded as it goes: Utf8Batch). `true` says
   * the bytes are out already and not kept, so the caller may fill them again; anything else, that they may be kept.
   */
  out(text: string | Uint8Array): boolean | void;
  err(text: string): void;
  /** Decoded text chunks of a file from byte `from` on (the start by default), or of stdin for `-`. */
  chunks(path: string, from?: number): AsyncIterable<string>;
  /**
   * Whether `path` is a regular file on this machine that the command may also read itself, at any offset and from
   * other threads (a big log is parsed in pieces). Absent: never.
   */
  isLocalFile?(path: string): Promise<boolean>;
  readText(path: string): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Bad usage or unreadable input: one line on stderr, exit 2. With a catalog key (`cli.error.*`) the line is in
 * the run's language; the message is the English fallback.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly key: { code: string; params: Readonly<Record<string, string | number>> } | null;

  constructor(message: string, key?: { code: string; params?: Readonly<Record<string, string | number>> }) {
    super(message);
    this.key = key ? { code: key.code, params: key.params ?? {} } : null;
  }

  /** A usage error worded by the catalog key `code`. */
  static of(code: string, params: Readonly<Record<string, string | number>> = {}): UsageError {
    return new UsageError(code, { code, params });
  }
}

/** Whether this process's stdout already ends quietly on EPIPE: once is enough, however many commands it runs. */
let quietEpipe = false;

export function nodeIo(): CliIo {
  const env = process.env;
  // A reader that stops early (`custode log parse BIG | head`) closes the pipe; like any Unix filter the command
  // then ends quietly instead of dying with a stack trace.
  if (!quietEpipe) {
    quietEpipe = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  }
  return {
    out: (text) => {
      process.stdout.write(text);
      // Nothing waiting in the stream: the write went to the file or pipe at once (as on Linux), nothing holds the bytes.
      return process.stdout.writableLength === 0;
    },
    err: (text) => void process.stderr.write(text),
    async *chunks(path, from = 0) {
      if (path !== '-') await readable(path);
      yield* path === '-' ? decodeUtf8(process.stdin) : fileText(path, from);
    },
    isLocalFile: async (path) => path !== '-' && (await stat(path).catch(() => null))?.isFile() === true,
    async readText(path) {
      await readable(path);
      return readFile(path, 'utf8');
    },
    env,
  };
}

/**
 * UTF-8 text of a byte stream, chunk by chunk. Each chunk is decoded whole up to its last complete character
 * (at most three bytes wait for the next one), so nothing grows with the input, whatever its lines look like.
 */
export async function* decodeUtf8(bytes: AsyncIterable<Buffer>): AsyncIterable<string> {
  let carry: Buffer | null = null;
  for await (const chunk of bytes) {
    const buf: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    const cut = completeUtf8(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    if (cut > 0) yield buf.toString('utf8', 0, cut);
  }
  if (carry !== null) yield carry.toString('utf8');
}

/** Bytes read at a time from a file: small enough that each decoded chunk is a young, short-lived string. */
const READ_BYTES = 1 << 16;

/**
 * UTF-8 text of a file, chunk by chunk, read into one reused buffer: a read stream allocates a buffer per chunk,
 * and on a big log that allocation and its collection cost more than parsing. A character cut at the end of a
 * read waits, moved to the front of the buffer, for the next one.
 */
export function* fileText(path: string, from = 0): Iterable<string> {
  const file = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    let carry = 0;
    // From the start, no position: a FIFO or a character device has none.
    let position: number | null = from > 0 ? from : null;
    for (;;) {
      const bytesRead = readSync(file, buf, carry, READ_BYTES - carry, position);
      if (position !== null) position += bytesRead;
      if (bytesRead === 0) break;
      const end = carry + bytesRead;
      const cut = completeUtf8(buf.subarray(0, end));
      if (cut > 0) yield buf.toString('utf8', 0, cut);
      buf.copy(buf, 0, cut, end);
      carry = end - cut;
    }
    if (carry > 0) yield buf.toString('utf8', 0, carry);
  } finally {
    closeSync(file);
  }
}

/** Length of `buf` without a multi-byte character cut at its end. */
function completeUtf8(buf: Buffer): number {
  const end = buf.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const b = buf[i] ?? 0;
    if (b < 0x80) return end;
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return end - i >= size ? end : i;
    }
  }
  return end;
}

const REASONS = new Set(['ENOENT', 'EACCES', 'EISDIR']);

async function readable(path: string): Promise<void> {
  let code: string | null = null;
  try {
    await access(path, constants.R_OK);
    if ((await stat(path)).isDirectory()) code = 'EISDIR';
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  }
  if (code === null) return;
  throw new UsageError(`cannot read ${path}: ${code}`, { code: `cli.error.read.${REASONS.has(code) ? code : 'other'}`, params: { path, code } });
}
