import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/app-error.ts';
import { sshProbeShell } from '../../../electron/core/fleet/probe-shell.ts';
import { cmd, raw, sh, type ShellCommand } from '../../../electron/core/shell/command.ts';
import type { ExecResult } from '../../../electron/core/ssh/exec.ts';
import type { SshService } from '../../../electron/core/ssh/ssh-service.ts';

/** An SshService stand-in that runs each exec through dash on this machine, ending it with `ssh.timeout` as the real one does. */
function localSsh(timeouts: string[]): SshService {
  const run = (_host: string, command: ShellCommand, options: { timeoutMs?: number }): Promise<ExecResult> =>
    new Promise((resolve, reject) => {
      const child = spawn('/usr/bin/dash', ['-c', command.text], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        timeouts.push(command.text);
        process.kill(-child.pid!, 'SIGKILL');
        reject(new AppError('ssh.timeout', 'timed out'));
      }, options.timeoutMs);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code, exitSignal: null, stdout, stderr });
      });
    });
  return { run } as unknown as SshService;
}

describe('probe shell batches', () => {
  it('runs the commands asked together in one exec, and after a timeout each alone: only the hung one fails', async () => {
    const timeouts: string[] = [];
    const shell = sshProbeShell(localSsh(timeouts), 'h', new AbortController().signal, { commandTimeoutMs: 3000, concurrency: 2 });
    const asked = [cmd('echo', 'a'), raw('sleep 30'), cmd('echo', 'b'), sh`echo c >&2; exit 4`];
    const results = await Promise.allSettled(asked.map((c) => shell.run(c)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as AppError).code))).toEqual([
      { exitCode: 0, exitSignal: null, stdout: 'a\n', stderr: '' },
      'ssh.timeout',
      { exitCode: 0, exitSignal: null, stdout: 'b\n', stderr: '' },
      { exitCode: 4, exitSignal: null, stdout: '', stderr: 'c\n' },
    ]);
    // The batch, then the sleep alone.
    expect(timeouts).toHaveLength(2);
    expect(timeouts[1]).toBe('sleep 30');
  }, 20_000);
});

describe('probe shell listings', () => {
  it('lists the folders asked together on one SFTP session; a folder that fails fails alone', async () => {
    const sessions: string[][] = [];
    const ssh = {
      listEach: (_host: string, paths: readonly string[]) => {
        sessions.push([...paths]);
        return Promise.resolve(paths.map((p) => (p === '/gone' ? { status: 'rejected', reason: new AppError('sftp.noSuchFile', p) } : { status: 'fulfilled', value: [{ name: `in ${p}` }] })));
      },
    } as unknown as SshService;
    const shell = sshProbeShell(ssh, 'h', new AbortController().signal);
    const first = await Promise.allSettled(['/a', '/gone', '/b'].map((p) => shell.list(p)));
    const second = await shell.list('/c');
    expect(first.map((r) => (r.status === 'fulfilled' ? r.value[0]!.name : (r.reason as AppError).code))).toEqual(['in /a', 'sftp.noSuchFile', 'in /b']);
    expect(second[0]!.name).toBe('in /c');
    expect(sessions).toEqual([['/a', '/gone', '/b'], ['/c']]);
  });
});
