// Runs a program without a shell (every argument passed as is) and collects its output; the lab's one way to run tools.
import { spawn } from 'node:child_process';
import { AppError } from '../../shared/errors/app-error.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
}

export function run(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      cwd: options.cwd,
      signal: options.signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code: code ?? (sig ? 128 : 1), stdout, stderr }));
    // A program that exits without reading its input must not crash the caller with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Like run, but a non-zero exit is an AppError carrying the tool's stderr. */
export async function runOk(program: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await run(program, args, options);
  if (result.code !== 0) {
    throw new AppError('lab.commandFailed', `${program} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`, {
      program,
      args: [...args],
      code: result.code,
      stderr: result.stderr,
    });
  }
  return result.stdout;
}
