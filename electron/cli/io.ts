import { createReadStream } from 'node:fs';
import { access, constants, readFile } from 'node:fs/promises';

/** What a command may touch: its output streams and its inputs. Tests and the launcher supply it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Decoded text chunks of a file, or of stdin for `-`. */
  chunks(path: string): AsyncIterable<string>;
  readText(path: string): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
}

/** Bad usage or unreadable input: one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
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

async function readable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read ${path}: ${code}`);
  }
}
