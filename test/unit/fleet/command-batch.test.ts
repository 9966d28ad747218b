import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/app-error.ts';
import { commandBatch } from '../../../electron/core/fleet/command-batch.ts';
import { cmd, raw, sh, type ShellCommand } from '../../../electron/core/shell/command.ts';
import type { ExecResult } from '../../../electron/core/ssh/exec.ts';

// Each command as its own exec runs it (dieWithChannel: a background job with no stdin, waited for), against the same
// commands in one batch of lanes, through the real shells a host has: busybox ash (ESXi), dash, and bash (TrueNAS).
const SHELLS: Array<[string, string[]]> = [
  ['busybox ash', ['/usr/bin/busybox', 'sh', '-c']],
  ['dash', ['/usr/bin/dash', '-c']],
  ['bash', ['/bin/bash', '-c']],
];

function exec(shell: string[], command: ShellCommand): ExecResult {
  const r = spawnSync(shell[0]!, [...shell.slice(1), command.text], { input: 'the channel stdin', encoding: 'utf8', cwd: '/tmp', maxBuffer: 64 * 1024 * 1024 });
  return { exitCode: r.status, exitSignal: null, stdout: r.stdout, stderr: r.stderr };
}

const alone = (shell: string[], c: ShellCommand): ExecResult => exec(shell, sh`( ${c}
) </dev/null & wait $!`);

const COMMANDS: ShellCommand[] = [
  cmd('printf', '%s', 'no final newline'),
  sh`echo to stderr >&2; exit 3`,
  cmd('printf', 'a\\rprogress\\r\\nline two\\n\\n\\n'),
  sh`cd / && pwd`,
  // Reads its stdin: it must see none, and must not eat the batch's following commands.
  raw('cat; echo read-done'),
  // Look-alikes of both markers, with and without a nonce's shape.
  cmd('printf', '%s\\n', 'custode-batch-0000:1:0 looks like a marker; custode-batch-0000; è ü 日本'),
  cmd('printf', 'custode-batch-%032d:0:0\\ncustode-batch-%032d;\\n', 7, 7),
  raw('exit 7'),
  raw('pwd'),
  sh`printf out; printf err >&2; printf more-out`,
  cmd('sh', '-c', 'kill -TERM $$'),
  // Binary-ish bytes: high bytes, a lone continuation byte, escape and control characters, no final newline.
  cmd('printf', '\\377\\376 \\200 \\033[1mbold\\033[0m \\001\\002\\t'),
  sh`printf '\\377 on stderr, no newline' >&2`,
  // More than a pipe holds (64 KiB), on both streams, in the middle of a lane.
  raw('i=0; while [ $i -lt 3000 ]; do echo "line $i of a long listing"; echo "warning $i" >&2; i=$((i+1)); done'),
  // The batch's own variable and status names are not the command's business: unset for it as in its own exec.
  raw('echo "[${custode_batch_out-unset}] [${s-unset}]"'),
  raw('printf "\\n\\n"'),
  raw('true'),
];

/** The commands dealt into `n` lanes, round-robin, as the probe shell deals them; returns the lanes and their order. */
function deal(commands: ShellCommand[], n: number): ShellCommand[][] {
  const lanes: ShellCommand[][] = Array.from({ length: n }, () => []);
  commands.forEach((c, i) => lanes[i % n]!.push(c));
  return lanes;
}

describe('command batch', () => {
  for (const [name, shell] of SHELLS) {
    for (const n of [1, 4]) {
      it(`gives every command the output and status its own exec gives (${name}, ${n} lane${n > 1 ? 's' : ''})`, () => {
        const lanes = deal(COMMANDS, n);
        const expected = lanes.flat().map((c) => alone(shell, c));
        const batch = commandBatch(lanes);
        expect(batch.split(exec(shell, batch.command))).toEqual(expected);
        // The cases really differ from each other (a split that handed every command the same text would fail above).
        const byCommand = new Map(lanes.flat().map((c, i) => [c, expected[i]!]));
        expect(byCommand.get(COMMANDS[1]!)).toEqual({ exitCode: 3, exitSignal: null, stdout: '', stderr: 'to stderr\n' });
        expect(byCommand.get(COMMANDS[4]!)!.stdout).toBe('read-done\n');
        expect(byCommand.get(COMMANDS[10]!)!.exitCode).toBe(143);
        expect(byCommand.get(COMMANDS[13]!)!.stdout.length).toBeGreaterThan(64 * 1024);
        expect(byCommand.get(COMMANDS[14]!)!.stdout).toBe('[unset] [unset]\n');
      });
    }
  }

  it('keeps records apart when a command prints the batch itself (ps shows the shell and its script)', () => {
    const shell = SHELLS[1]![1];
    const batch = commandBatch([[raw(`tr '\\000' ' ' </proc/$$/cmdline`), cmd('echo', 'two')], [cmd('echo', 'three')]]);
    const [own, two, three] = batch.split(exec(shell, batch.command));
    expect((own as ExecResult).stdout).toContain('custode-batch-');
    expect((own as ExecResult).stdout).toContain(batch.command.text.split('\n')[1]);
    expect(two).toEqual({ exitCode: 0, exitSignal: null, stdout: 'two\n', stderr: '' });
    expect(three).toEqual({ exitCode: 0, exitSignal: null, stdout: 'three\n', stderr: '' });
  });

  it('drops NUL bytes (command substitution holds each lane), as documented', () => {
    const shell = SHELLS[1]![1];
    const batch = commandBatch([[sh`printf 'a\\000b'; printf 'c\\000d' >&2`]]);
    expect(batch.split(exec(shell, batch.command))).toEqual([{ exitCode: 0, exitSignal: null, stdout: 'ab', stderr: 'cd' }]);
  });

  it('reports every command as cut short when the batch dies before its records are written (each lane is held whole)', () => {
    // setsid: the batch has a process group of its own to kill, as sshd gives each session.
    const batch = commandBatch([[cmd('echo', 'one'), raw('kill -KILL 0'), cmd('echo', 'three')], [cmd('echo', 'four')]]);
    const results = batch.split(exec(['/usr/bin/setsid', '/usr/bin/dash', '-c'], batch.command));
    expect(results.map((r) => (r instanceof AppError ? r.code : r))).toEqual(['fleet.batchCut', 'fleet.batchCut', 'fleet.batchCut', 'fleet.batchCut']);
  });
});
