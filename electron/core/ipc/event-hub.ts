import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract.ts';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Core emits typed events here; each transport (Electron window, WebSocket clients) subscribes once. */
export class EventHub {
  #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Parsing here keeps every transport honest: nothing leaves core that the contract does not describe.
    const checked = events[event].parse(payload);
    for (const listener of this.#listeners) listener(event, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
