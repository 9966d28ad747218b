import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants, parseProcessTree, processTreeCommand } from '../../../electron/core/backup/cancel-reads.ts';

/**
 * The process table a cancel reads, run for real by /bin/sh on this machine with three kinds of `ps` first in PATH:
 * this machine's own (procps: `-o` works), a busybox built without `-o` (it refuses the option), and one like
 * ESXi's, which knows only its own flags (it prints its world/cartel listing whatever it is asked). Without `-o`
 * the parents come from /proc. ESXi's `ps -c` listing alone (no /proc to read) has no parent ids: nothing is proven.
 */
const bin = mkdtempSync(join(tmpdir(), 'custode-ps-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function fakePs(name: string, body: string): string {
  const dir = join(bin, name);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(bin, `${name}.sh`), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, `${name}.sh`), 0o755);
  return join(bin, `${name}.sh`);
}

const ESXI_PS_C = '3360393 3360393 busybox              ash ./ghettoVCB.sh -f list -d debug\n3360401 3360401 tail                 tail -f /tmp/ghettoVCB.work/ghettovcb.deGeB7\n';

/** Runs the cancel's process-table command under /bin/sh; `ps` is the given script when one is given. */
function table(ps: string | null): Promise<{ out: string; shellPid: number }> {
  const env = { ...process.env };
  if (ps !== null) {
    const dir = mkdtempSync(join(bin, 'path-'));
    writeFileSync(join(dir, 'ps'), `#!/bin/sh\nexec ${ps} "$@"\n`);
    chmodSync(join(dir, 'ps'), 0o755);
    env['PATH'] = `${dir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`;
  }
  return new Promise((resolve, reject) => {
    const child = execFile('/bin/sh', ['-c', processTreeCommand().text], { env }, (error, stdout) => (error ? reject(error) : resolve({ out: stdout, shellPid: child.pid! })));
  });
}

describe('the process table a cancel reads', () => {
  it.each([
    ['this machine’s ps (ps -o pid,ppid,args)', null],
    ['a busybox ps without -o (parents from /proc)', fakePs('busybox', `case "$1" in -o) echo "ps: invalid option -- 'o'" >&2; exit 1;; esac; printf '%s' '${ESXI_PS_C}'`)],
    ['an ESXi-like ps that ignores -o (parents from /proc)', fakePs('esxi', `printf '%s' '${ESXI_PS_C}'`)],
  ])('with %s: the shell that ran it is a child of this process, and the command it ran is its child', { timeout: 60_000 }, async (_name, ps) => {
    const { out, shellPid } = await table(ps);
    const tree = parseProcessTree(out);
    expect(tree).not.toBeNull();
    expect(tree!.find((p) => p.pid === shellPid)).toMatchObject({ ppid: process.pid });
    expect(tree!.find((p) => p.pid === process.pid)?.command).toMatch(/node|vitest/);
    // The table's own `sh -c` (or the ps it runs) hangs below the shell that was started: a tree, read from its root.
    expect(descendants(tree!, process.pid).map((p) => p.pid)).toContain(shellPid);
    expect(descendants(tree!, shellPid).length).toBeGreaterThan(0);
  });

  it('reads a /proc entry whose command name holds spaces and parentheses, and one with no command line', () => {
    const out = 'PID PPID COMMAND\n4242 1 /bin/sh ./ghettoVCB.sh -m a (b) c \n77 2 [kernel]\n';
    expect(parseProcessTree(out)).toEqual([
      { pid: 4242, ppid: 1, command: '/bin/sh ./ghettoVCB.sh -m a (b) c' },
      { pid: 77, ppid: 2, command: '[kernel]' },
    ]);
  });

  it('ESXi’s ps -c alone (world and cartel ids, no parent) proves nothing: the cancel refuses', () => {
    expect(parseProcessTree(ESXI_PS_C)).toBeNull();
  });
});
