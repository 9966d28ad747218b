import type { Bridge } from '../../shared/ipc/bridge.ts';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract.ts';
import type { ErrorData } from '../../shared/errors/app-error.ts';
import type { Result } from '../../shared/ipc/result.ts';

/** A failed call, carrying the stable code the UI words through i18n. */
export class CallError extends Error {
  readonly data: ErrorData;
  constructor(data: ErrorData) {
    super(data.message);
    this.data = data;
  }
}

export interface Client {
  call<N extends MethodName>(name: N, input: MethodInput<N>): Promise<MethodOutput<N>>;
  result<N extends MethodName>(name: N, input: MethodInput<N>): Promise<Result<MethodOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The typed face of the bridge: names, inputs and outputs checked by TypeScript from the one contract. */
export function createClient(bridge: Bridge): Client {
  const client: Client = {
    result: (name, input) => bridge.invoke(name, input) as Promise<Result<MethodOutput<typeof name>>>,
    async call(name, input) {
      const result = await client.result(name, input);
      if (!result.ok) throw new CallError(result.error);
      return result.value;
    },
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
  return client;
}

let current: Client | null = null;

export function installClient(client: Client): void {
  current = client;
}

export function client(): Client {
  if (!current) throw new Error('The IPC client is used before it is installed');
  return current;
}
