import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandBatch } from '../../../electron/core/fleet/command-batch.ts';
import { cmd, raw, sh, type ShellCommand } from '../../../electron/core/shell/command.ts';
import type { ExecResult } from '../../../electron/core/ssh/exec.ts';

// Each command as its own exec runs it (dieWithChannel: a background job with no stdin, waited for), against the same
// commands in one batch, through the real shells a host has: busybox ash (ESXi) and dash.
const SHELLS: Array<[string, string[]]> = [
  ['busybox ash', ['/usr/bin/busybox', 'sh', '-c']],
  ['dash', ['/usr/bin/dash', '-c']],
];

function exec(shell: string[], command: ShellCommand): ExecResult {
  const r = spawnSync(shell[0]!, [...shell.slice(1), command.text], { input: '', encoding: 'utf8', cwd: '/tmp' });
  return { exitCode: r.status, exitSignal: null, stdout: r.stdout, stderr: r.stderr };
}

const COMMANDS: ShellCommand[] = [
  cmd('printf', '%s', 'no final newline'),
  sh`echo to stderr >&2; exit 3`,
  cmd('printf', 'a\\rprogress\\r\\nline two\\n\\n\\n'),
  sh`cd / && pwd`,
  // Reads its stdin: it must see none, and must not eat the batch's following commands.
  raw('cat; echo read-done'),
  cmd('printf', '%s\\n', 'custode-batch-0000 looks like a marker; è ü 日本'),
  raw('exit 7'),
  raw('pwd'),
  sh`printf out; printf err >&2; printf more-out`,
  cmd('sh', '-c', 'kill -TERM $$'),
];

describe('command batch', () => {
  for (const [name, shell] of SHELLS) {
    it(`gives every command the output and status its own exec gives (${name})`, () => {
      const alone = COMMANDS.map((c) => exec(shell, sh`( ${c}
) </dev/null & wait $!`));
      const batch = commandBatch(COMMANDS);
      expect(batch.split(exec(shell, batch.command))).toEqual(alone);
      // The cases really differ from each other (a split that handed every command the same text would fail above).
      expect(alone[1]).toEqual({ exitCode: 3, exitSignal: null, stdout: '', stderr: 'to stderr\n' });
      expect(alone[4]!.stdout).toBe('read-done\n');
      expect(alone[9]!.exitCode).toBe(143);
    });
  }

  it('reports the commands a cut-short batch never finished as errors, and keeps the ones before', () => {
    const batch = commandBatch([cmd('echo', 'one'), raw('kill -KILL $$'), cmd('echo', 'three')]);
    const shell = SHELLS[1]![1];
    const [first, second, third] = batch.split(exec(shell, batch.command));
    expect(first).toEqual({ exitCode: 0, exitSignal: null, stdout: 'one\n', stderr: '' });
    expect(second).toMatchObject({ code: 'fleet.batchCut' });
    expect(third).toMatchObject({ code: 'fleet.batchCut' });
  });
});
