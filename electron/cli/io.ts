import { createReadStream } from 'node:fs';
import { access, constants, readFile, stat } from 'node:fs/promises';

/** What a command may touch: its output streams and its inputs. Tests and the launcher supply it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Decoded text chunks of a file, or of stdin for `-`. */
  chunks(path: string): AsyncIterable<string>;
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

export function nodeIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    async *chunks(path) {
      if (path === '-') {
        process.stdin.setEncoding('utf8');
        yield* process.stdin as AsyncIterable<string>;
        return;
      }
      await readable(path);
      yield* createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>;
    },
    async readText(path) {
      await readable(path);
      return readFile(path, 'utf8');
    },
    env: process.env,
  };
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
