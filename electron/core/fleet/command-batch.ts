import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { raw, sh, type ShellCommand } from '../shell/command.ts';
import type { ExecResult } from '../ssh/exec.ts';

/**
 * Several short commands in one exec, so a probe opens one channel where it would open several (on a host every
 * channel is an sshd session and a shell, and ESXi caps the sessions). The commands come in lanes: the lanes run at
 * once, the commands of a lane one after the other, each in its own subshell with no stdin, as its own exec would run
 * it. After each command, a marker carrying a random nonce and its exit status ends its share of the lane's stdout,
 * and the nonce alone its share of the lane's stderr.
 *
 * Lanes running at once cannot share a stream, so each lane's two streams are held (command substitution) until the
 * lane ends, and the lanes are the stages of one pipeline: stage k prints what stage k-1 passed on (cat), then its own
 * lane's stderr, the nonce with `|`, and its stdout. Everything travels on the channel's stdout. Holding costs two
 * forks per lane, none per command.
 *
 * The nonce is unknown to the host until the batch runs, so nothing a host holds (a file, a VM name) can end a share
 * early, and the batch's own text (which `ps` shows) never has it followed by `:`, `;` or `|`. The output is cut at
 * the markers and nowhere else, so a command gets exactly the bytes its own exec would have given (a missing final
 * newline stays missing), except NUL bytes, which command substitution drops (the probes read text).
 */
export interface CommandBatch {
  command: ShellCommand;
  /** One result per command, in the order of `lanes.flat()`; a command whose output never came whole (the batch was cut short) is an error. */
  split(result: ExecResult): Array<ExecResult | AppError>;
}

// Held output ends with an x: command substitution would otherwise eat its final newlines.
const HELD = raw('custode_batch_held');
const OUT = raw('custode_batch_out');

export function commandBatch(lanes: ReadonlyArray<readonly ShellCommand[]>): CommandBatch {
  const nonce = `custode-batch-${randomBytes(16).toString('hex')}`;
  // In the background and waited for, as dieWithChannel runs a lone command: the shell reports its death by signal
  // ("Terminated") on stderr as a lone exec's shell does.
  const record = (c: ShellCommand): ShellCommand => sh`( ${c}
) </dev/null & wait $!; printf '%s:%d\n' ${nonce} $?; printf '%s;\n' ${nonce} >&2`;
  const lane = (commands: readonly ShellCommand[]): ShellCommand => commands.map(record).reduce((all, r) => sh`${all}
${r}`);
  // The lane's stderr goes straight to the outer hold (fd 3); its stdout to the inner one, printed after it.
  const stage = (commands: readonly ShellCommand[], k: number): ShellCommand => sh`{ ${HELD}=$( { ${OUT}=$( { ${lane(commands)}
} 2>&3 3>&-; printf x ); printf '%s|\n%s' ${nonce} "\${${OUT}%x}"; } 3>&1; printf x ); ${raw(k === 0 ? '' : 'cat; ')}printf '%s' "\${${HELD}%x}"; }`;
  return {
    command: lanes.map(stage).reduce((all, s) => sh`${all} | ${s}`),
    split: (result) => splitBatch(nonce, lanes.map((l) => l.length), result),
  };
}

function splitBatch(nonce: string, sizes: number[], result: ExecResult): Array<ExecResult | AppError> {
  const text = result.stdout;
  const out: Array<ExecResult | AppError> = [];
  const count = sizes.reduce((a, b) => a + b, 0);
  const status = result.exitCode ?? result.exitSignal;
  const cut = (i: number): AppError => new AppError('fleet.batchCut', `The command batch ended (${status}) before command ${i + 1} of ${count} finished`, { index: i, count });
  let at = 0;
  for (const size of sizes) {
    const sep = text.indexOf(`${nonce}|\n`, at);
    const errors = sep < 0 ? [] : text.slice(at, sep).split(`${nonce};\n`);
    let o = sep + nonce.length + 2;
    for (let j = 0; j < size; j++) {
      const mark = sep < 0 ? -1 : text.indexOf(`${nonce}:`, o);
      const end = mark < 0 ? -1 : text.indexOf('\n', mark);
      if (end < 0 || errors.length !== size + 1) {
        out.push(cut(out.length));
        continue;
      }
      out.push({ exitCode: Number(text.slice(mark + nonce.length + 1, end)), exitSignal: null, stdout: text.slice(o, mark), stderr: errors[j]! });
      o = end + 1;
    }
    if (sep >= 0) at = o;
  }
  return out;
}
