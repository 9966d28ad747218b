import { AppError } from '../../../shared/errors/app-error.ts';

/** What a change inside Custode gives back, in the same shape as a command on a host. */
export interface ActionOutcome {
  exitCode: number | null;
  output: string;
}

export interface LocalActionContext {
  signal: AbortSignal;
  /** The secrets kept beside this plan (a password typed for a login); never part of the plan or the trail. */
  secrets: Readonly<Record<string, string>>;
}

export type LocalAction = (params: Record<string, unknown>, ctx: LocalActionContext) => Promise<ActionOutcome> | ActionOutcome;

/** The changes Custode makes to itself (its hosts, its pins) as named actions a plan can call, like commands. */
export class LocalActions {
  readonly #actions = new Map<string, LocalAction>();

  register(actions: Readonly<Record<string, LocalAction>>): void {
    for (const [name, action] of Object.entries(actions)) {
      if (this.#actions.has(name)) throw new AppError('operations.duplicateAction', `The action ${name} is registered twice`, { action: name });
      this.#actions.set(name, action);
    }
  }

  has(name: string): boolean {
    return this.#actions.has(name);
  }

  async run(name: string, params: Record<string, unknown>, ctx: LocalActionContext): Promise<ActionOutcome> {
    const action = this.#actions.get(name);
    if (!action) throw new AppError('operations.unknownAction', `No action ${name}`, { action: name });
    return action(params, ctx);
  }
}

/** A check's answer: exit 0 when it holds. */
export const holds = (ok: boolean, output = ''): ActionOutcome => ({ exitCode: ok ? 0 : 1, output });
