// The `custode` command as its own process, as a script runs it: stdin a pipe holding `input` (so never a terminal),
// its output kept. `env` is added to this process's environment (CUSTODE_HOME, the language, …).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliRun } from './custode-in-process.ts';

const root = join(import.meta.dirname, '..');

export function custodeProcess(args: readonly string[], env: Readonly<Record<string, string | undefined>>, input = ''): Promise<Omit<CliRun, 'code'> & { code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/node'), [join(root, 'electron/cli/bin.mjs'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}
