// The `custode` command run in this process, as the launcher would run it: files are read from disk, stdin is the
// text given (empty by default, so a command that reads stdin never waits on the test runner's own), output is kept.
import { nodeIo, runCli } from '../electron/cli/main.ts';
import type { CliIo } from '../electron/cli/io.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function custodeInProcess(argv: readonly string[], env: CliIo['env'], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const files = nodeIo();
  const io: CliIo = {
    out: (t) => void (out += typeof t === 'string' ? t : Buffer.from(t).toString('utf8')),
    err: (t) => void (err += t),
    chunks: (path) =>
      path === '-'
        ? (async function* () {
            yield stdin;
          })()
        : files.chunks(path),
    readText: (path) => (path === '-' ? Promise.resolve(stdin) : files.readText(path)),
    env,
  };
  return { code: await runCli([...argv], io), out, err };
}
