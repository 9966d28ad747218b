import { cancelledError, sshError, SSH_ERRORS } from './errors.ts';

interface Waiter {
  resolve(release: () => void): void;
  reject(error: Error): void;
}

/**
 * At most `limit` channels open on one host at a time; the rest wait in order. A waiter that waits longer than
 * `maxWaitMs` gets `ssh.channelLimit` instead of hanging, and an aborted waiter leaves the queue at once.
 */
export class ChannelGate {
  readonly limit: number;
  readonly #maxWaitMs: number;
  #open = 0;
  #peak = 0;
  readonly #queue: Waiter[] = [];
  readonly #onIdle: () => void;
  readonly #onBusy: () => void;

  constructor(limit: number, maxWaitMs: number, hooks: { onIdle(): void; onBusy(): void }) {
    this.limit = limit;
    this.#maxWaitMs = maxWaitMs;
    this.#onIdle = hooks.onIdle;
    this.#onBusy = hooks.onBusy;
  }

  get open(): number {
    return this.#open;
  }
  get waiting(): number {
    return this.#queue.length;
  }
  /** The most channels ever open at once, for tests and diagnostics. */
  get peak(): number {
    return this.#peak;
  }

  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(cancelledError(signal));
    this.#onBusy();
    if (this.#open < this.limit) return Promise.resolve(this.#take());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (release) => {
          cleanup();
          resolve(release);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#remove(waiter);
        waiter.reject(sshError(SSH_ERRORS.channelLimit, `No free channel within ${this.#maxWaitMs} ms`, { limit: this.limit }));
      }, this.#maxWaitMs);
      const onAbort = (): void => {
        this.#remove(waiter);
        waiter.reject(cancelledError(signal));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  /** Fails everyone still waiting (the host went away for good, or the service is closing). */
  rejectWaiting(error: Error): void {
    for (const waiter of this.#queue.splice(0)) waiter.reject(error);
    if (this.#open === 0) this.#onIdle();
  }

  #take(): () => void {
    this.#open++;
    this.#peak = Math.max(this.#peak, this.#open);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open--;
      const next = this.#queue.shift();
      if (next) next.resolve(this.#take());
      else if (this.#open === 0) this.#onIdle();
    };
  }

  #remove(waiter: Waiter): void {
    const i = this.#queue.indexOf(waiter);
    if (i >= 0) this.#queue.splice(i, 1);
    if (this.#open === 0 && this.#queue.length === 0) this.#onIdle();
  }
}
