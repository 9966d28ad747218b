import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { sh, type ShellCommand } from '../shell/command.ts';
import type { ExecResult } from '../ssh/exec.ts';

/**
 * Several short commands in one exec, one after the other, so a probe opens one channel where it would open several
 * (on a host every channel is an sshd session and a shell). Each command runs in its own subshell with no stdin, as
 * its own exec would; after it, a marker carrying a random nonce and its exit status ends its share of stdout, and
 * the nonce alone its share of stderr. The output is cut at the markers and nowhere else, so each command gets
 * exactly the bytes and the status its own exec would have given (a missing final newline stays missing).
 */
export interface CommandBatch {
  command: ShellCommand;
  /** One result per command, in order; a command that never reached its marker (the batch was cut short) is an error. */
  split(result: ExecResult): Array<ExecResult | AppError>;
}

export function commandBatch(commands: readonly ShellCommand[]): CommandBatch {
  // Unknown to the host until the batch runs, so nothing a host holds (a file, a VM name) can end a command early.
  const nonce = `custode-batch-${randomBytes(16).toString('hex')}`;
  // In the background and waited for, as dieWithChannel runs a lone command: a shell reports a foreground job's
  // death by signal on stderr ("Terminated"), a background one's not.
  const parts = commands.map((c) => sh`( ${c}
) </dev/null & wait $!; printf '%s:%d\\n' ${nonce} $?; printf '%s\\n' ${nonce} >&2`);
  return {
    command: parts.reduce((all, part) => sh`${all}
${part}`),
    split: (result) => splitBatch(nonce, commands.length, result),
  };
}

function splitBatch(nonce: string, count: number, result: ExecResult): Array<ExecResult | AppError> {
  const out: Array<ExecResult | AppError> = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < count; i++) {
    const mark = result.stdout.indexOf(`${nonce}:`, o);
    const end = mark < 0 ? -1 : result.stdout.indexOf('\n', mark);
    const errMark = result.stderr.indexOf(`${nonce}\n`, e);
    if (mark < 0 || end < 0 || errMark < 0) {
      const status = result.exitCode ?? result.exitSignal;
      for (; i < count; i++) out.push(new AppError('fleet.batchCut', `The command batch ended (${status}) before command ${i + 1} of ${count} finished`, { index: i, count }));
      break;
    }
    out.push({
      exitCode: Number(result.stdout.slice(mark + nonce.length + 1, end)),
      exitSignal: null,
      stdout: result.stdout.slice(o, mark),
      stderr: result.stderr.slice(e, errMark),
    });
    o = end + 1;
    e = errMark + nonce.length + 1;
  }
  return out;
}
