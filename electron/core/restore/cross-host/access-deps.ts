import { AppError } from '../../../../shared/errors/app-error.ts';
import type { StepTarget } from '../../../../shared/model/operation.ts';
import type { AuditStore } from '../../audit/audit-store.ts';
import type { StepExecutor } from '../../operations/executor.ts';
import { shellAction } from '../../operations/plan-steps.ts';
import type { ShellCommand } from '../../shell/command.ts';
import type { AccessJournal } from './access-journal.ts';

/** What opening and closing an access run through: the operations' executor and trail, and the journal. */
export interface AccessDeps {
  executor: StepExecutor;
  audit: AuditStore;
  journal: AccessJournal;
  now?: () => number;
}

/** Sends a read (it changes nothing) and returns what it printed; a non-zero exit is an error naming the command. */
export async function readOn(deps: Pick<AccessDeps, 'executor'>, target: StepTarget, command: ShellCommand, signal: AbortSignal): Promise<string> {
  const outcome = await deps.executor.send(target, shellAction(command), { signal, secrets: {} });
  if (outcome.exitCode !== 0) {
    throw new AppError('restore.access.readFailed', `${command.text} exited ${outcome.exitCode ?? 'without a code'}`, { command: command.text, output: outcome.output.slice(0, 400) });
  }
  return outcome.output;
}
