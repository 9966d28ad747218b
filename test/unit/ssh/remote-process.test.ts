import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmd, sh } from '../../../electron/core/shell/command.ts';
import { dieWithChannel } from '../../../electron/core/ssh/remote-process.ts';

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
if (!BUSYBOX) console.log('[remote-process] skipped: busybox is not installed');

/** Runs the wrapped command in busybox ash as sshd would: its own session, stdin a pipe standing for the channel. */
function start(command: ReturnType<typeof sh>) {
  const child = spawn(BUSYBOX!, ['ash', '-c', dieWithChannel(command).text], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

/** Live (non-zombie) processes of a process group, from /proc: killed orphans may linger as zombies under init. */
function liveMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(!BUSYBOX)('dieWithChannel', () => {
  it('passes exit status and output through unchanged while the channel stays open', async () => {
    const { done } = start(sh`printf '%s' ${"a 'b'\n$(c)"}; exit ${5}`);
    expect(await done).toMatchObject({ code: 5, stdout: "a 'b'\n$(c)" });
  });

  it('the command does not read the channel: stdin is /dev/null for it', async () => {
    const { child, done } = start(cmd('cat'));
    child.stdin.write('must not be read\n');
    expect(await done).toMatchObject({ code: 0, stdout: '' });
  });

  it('when the channel closes (stdin ends), the command and its children die', async () => {
    const { child, done } = start(sh`sleep 30 & sleep 30; echo never`);
    await new Promise((r) => setTimeout(r, 200));
    const group = child.pid!;
    expect(liveMembers(group).length).toBeGreaterThanOrEqual(3);
    child.stdin.end();
    const result = await done;
    expect(result.stdout).toBe('');
    expect(result.signal).toBe('SIGTERM');
    // Nothing of the session's process group is left.
    for (let i = 0; i < 50 && liveMembers(group).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(liveMembers(group)).toEqual([]);
  });
});
