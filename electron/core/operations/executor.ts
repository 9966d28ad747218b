import { AppError } from '../../../shared/errors/app-error.ts';
import type { StepAction, StepTarget } from '../../../shared/model/operation.ts';
import { raw } from '../shell/command.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import type { ActionOutcome, LocalActions } from './local-actions.ts';

/** Sends one action of a step to where it runs. */
export interface StepExecutor {
  send(target: StepTarget, action: StepAction, ctx: { signal: AbortSignal; secrets: Readonly<Record<string, string>> }): Promise<ActionOutcome>;
}

/** A command that neither ends nor loses its connection in this time is treated as a lost connection. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;

export function sshExecutor(ssh: SshService, locals: LocalActions, timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): StepExecutor {
  return {
    async send(target, action, ctx) {
      if (action.kind === 'local') return locals.run(action.action, action.params, ctx);
      if (target.kind !== 'host') throw new AppError('operations.noHost', 'A command for a host has no host to run on');
      // The text was built by the shell-quoting module when the plan was made, in this process; plans never come
      // from the UI, which only names them by id.
      const result = await ssh.run(target.hostId, raw(action.command), { signal: ctx.signal, timeoutMs: (action.kind === 'shell' ? action.timeoutMs : undefined) ?? timeoutMs });
      return { exitCode: result.exitCode, output: result.stdout + result.stderr };
    },
  };
}
