import { randomUUID } from 'node:crypto';
import type { AuthPrompt, HostKeyPrompt, SecretStorage } from '../../../shared/ipc/ssh.ts';
import type { EventHub } from '../ipc/event-hub.ts';
import type { AuthPromptAnswer, AuthPrompter, AuthPromptRequest } from '../ports/auth-prompter.ts';
import type { HostKeyChange, HostKeyDecision, HostKeyFacts, HostKeyTrust } from '../ports/host-key-trust.ts';

interface Pending<P, A> {
  payload: P;
  resolve(answer: A): void;
}

/**
 * The ports answered by a person through the UI (Electron window or browser page): each question goes out as
 * an event, waits for the matching `answer` call, and is withdrawn (`ssh:promptClosed`) when its login ends
 * first. Works the same for every window, since events reach them all and the first answer wins.
 */
export class UiPrompts implements HostKeyTrust, AuthPrompter {
  readonly #events: EventHub;
  readonly #storage: () => Promise<SecretStorage>;
  readonly #hostKeys = new Map<string, Pending<HostKeyPrompt, HostKeyDecision>>();
  readonly #auth = new Map<string, Pending<AuthPrompt, AuthPromptAnswer>>();

  constructor(events: EventHub, storage: () => Promise<SecretStorage>) {
    this.#events = events;
    this.#storage = storage;
  }

  confirmUnknown(facts: HostKeyFacts, signal: AbortSignal): Promise<HostKeyDecision> {
    const payload: HostKeyPrompt = { promptId: randomUUID(), ...facts };
    return this.#wait(this.#hostKeys, payload, signal, 'reject', () => this.#events.emit('ssh:hostKeyPrompt', payload));
  }

  reportChanged(change: HostKeyChange): void {
    this.#events.emit('ssh:hostKeyChanged', { ...change, at: Date.now() });
  }

  async ask(request: AuthPromptRequest, signal: AbortSignal): Promise<AuthPromptAnswer> {
    const payload: AuthPrompt = { ...request, storage: await this.#storage() };
    return this.#wait(this.#auth, payload, signal, { cancelled: true }, () => this.#events.emit('ssh:authPrompt', payload));
  }

  answerHostKey(promptId: string, decision: HostKeyDecision): boolean {
    return this.#settle(this.#hostKeys, promptId, decision);
  }

  answerAuth(promptId: string, answer: AuthPromptAnswer): boolean {
    return this.#settle(this.#auth, promptId, answer);
  }

  pending(): { hostKeys: HostKeyPrompt[]; auth: AuthPrompt[] } {
    return { hostKeys: [...this.#hostKeys.values()].map((p) => p.payload), auth: [...this.#auth.values()].map((p) => p.payload) };
  }

  #wait<P extends { promptId: string }, A>(map: Map<string, Pending<P, A>>, payload: P, signal: AbortSignal, onAbort: A, announce: () => void): Promise<A> {
    return new Promise<A>((resolve) => {
      if (signal.aborted) return resolve(onAbort);
      const abort = (): void => void this.#settle(map, payload.promptId, onAbort);
      signal.addEventListener('abort', abort, { once: true });
      map.set(payload.promptId, {
        payload,
        resolve: (answer) => {
          signal.removeEventListener('abort', abort);
          resolve(answer);
        },
      });
      announce();
    });
  }

  #settle<P, A>(map: Map<string, Pending<P, A>>, promptId: string, answer: A): boolean {
    const pending = map.get(promptId);
    if (!pending) return false;
    map.delete(promptId);
    pending.resolve(answer);
    this.#events.emit('ssh:promptClosed', { promptId });
    return true;
  }
}
