import type { z } from 'zod';
import { toErrorData } from '../../../shared/errors/app-error.ts';
import { fail, ok, type Result } from '../../../shared/ipc/result.ts';

type AnyContract = Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Per-call facts a handler may need; the transports fill them in. */
export interface CallContext {
  /** Aborted when the caller goes away (window closed, socket dropped). */
  signal: AbortSignal;
}

export type HandlerMap<C extends AnyContract> = {
  [N in keyof C]: (input: z.output<C[N]['input']>, ctx: CallContext) => Promise<z.input<C[N]['output']>> | z.input<C[N]['output']>;
};

export interface Router {
  dispatch(name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

/**
 * The pure part of IPC, shared by Electron main and the browser host: name check, input parse, handler,
 * output parse, and every failure turned into `{ ok: false, error: { code, message } }`.
 */
export function createRouter<C extends AnyContract>(contract: C, handlers: HandlerMap<C>): Router {
  return {
    async dispatch(name, input, ctx) {
      if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
        return fail({ code: 'ipc.unknownMethod', message: `Unknown call: ${String(name).slice(0, 80)}` });
      }
      const spec = contract[name]!;
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail({
          code: 'ipc.invalidInput',
          message: `Invalid input for ${name}`,
          details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
        });
      }
      try {
        const handler = handlers[name as keyof C] as (input: unknown, ctx: CallContext) => unknown;
        const value = await handler(parsed.data, ctx);
        const out = spec.output.safeParse(value);
        if (!out.success) {
          return fail({ code: 'ipc.invalidOutput', message: `Handler for ${name} returned data outside the contract` });
        }
        return ok(out.data);
      } catch (error) {
        return fail(toErrorData(error));
      }
    },
  };
}
