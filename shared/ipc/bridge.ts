import type { EventName, MethodName } from './contract.ts';
import type { Result } from './result.ts';

/**
 * What the preload exposes (window.custode) and what the browser transport implements: two functions,
 * nothing else. The renderer's typed client is built on top of this.
 */
export interface Bridge {
  invoke(name: MethodName, input: unknown): Promise<Result<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The browser transport's wire format over the WebSocket. */
export type WireRequest = { id: number; name: string; input: unknown };
export type WireMessage =
  | { kind: 'welcome'; session: string }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: string; payload: unknown };

/**
 * The first frame a browser-mode page sends: the one-time code from its launch address, or the session a
 * welcome gave this tab before. Anything else first, or a refused hello, closes the socket with this code.
 */
export type WireHello = { kind: 'hello'; code?: string; session?: string };
export const WIRE_REFUSED = 4401;
