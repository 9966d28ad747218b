import ssh2, { type Client } from 'ssh2';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { AuthPrompter } from '../ports/auth-prompter.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import type { HostTrust, TrustOutcome } from '../trust/host-trust.ts';
import { algorithmsFor } from './algorithms.ts';
import { LoginAttempt } from './auth.ts';
import { ChannelGate } from './channel-gate.ts';
import { cancelledError, classifyConnectError, sshError, SSH_ERRORS } from './errors.ts';
import type { ConnectionPolicy, ConnectionState, ConnectionStateName, SshTarget } from './target.ts';

export interface ConnectionDeps {
  trust: HostTrust;
  prompter: AuthPrompter;
  secrets: SecretStore;
  policy: ConnectionPolicy;
  onState(state: ConnectionState): void;
  onNotice(hostId: string, code: string): void;
}

/** Failures a retry cannot fix: they need a person (trust, credentials) or a changed configuration. */
const FINAL = new Set<string>([
  SSH_ERRORS.authFailed,
  SSH_ERRORS.authCancelled,
  SSH_ERRORS.hostKeyChanged,
  SSH_ERRORS.hostKeyUnknown,
  SSH_ERRORS.noAuthMethod,
  SSH_ERRORS.keyUnreadable,
]);

/**
 * The one ssh2 connection to one host, shared by every operation on it. It connects on demand (single flight),
 * limits open channels, closes itself when idle, and after an unexpected drop reconnects in the background with
 * growing delays. Each host has its own instance, so a dead or slow host holds up nothing but its own queue.
 */
export class HostConnection {
  #target: SshTarget;
  readonly #deps: ConnectionDeps;
  readonly #gate: ChannelGate;
  #client: Client | null = null;
  #connecting: Promise<Client> | null = null;
  #connectAbort: AbortController | null = null;
  #state: ConnectionStateName = 'idle';
  #lastError: AppError | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #lastUse = 0;
  #disposed = false;

  constructor(target: SshTarget, deps: ConnectionDeps) {
    this.#target = target;
    this.#deps = deps;
    this.#gate = new ChannelGate(deps.policy.maxChannels, deps.policy.channelWaitMs, {
      onBusy: () => this.#clearIdle(),
      onIdle: () => this.#armIdle(),
    });
  }

  get target(): SshTarget {
    return this.#target;
  }

  get state(): ConnectionState {
    return {
      hostId: this.#target.hostId,
      state: this.#state,
      openChannels: this.#gate.open,
      ...(this.#lastError && (this.#state === 'failed' || this.#state === 'reconnecting')
        ? { error: { code: this.#lastError.code, message: this.#lastError.message } }
        : {}),
      ...(this.#state === 'reconnecting' ? { attempt: this.#attempt } : {}),
    };
  }

  /** Most channels ever open at once (tests check the limit with it). */
  get peakChannels(): number {
    return this.#gate.peak;
  }

  /**
   * Runs `work` on a channel of this host's connection, connecting first if needed. The channel slot is held
   * until `work` settles; `work` must itself honour `signal` and close what it opened.
   */
  async withClient<T>(signal: AbortSignal, work: (client: Client) => Promise<T>): Promise<T> {
    if (this.#disposed) throw sshError(SSH_ERRORS.disconnected, 'This connection was closed');
    const release = await this.#gate.acquire(signal);
    try {
      this.#lastUse = Date.now();
      const client = await this.#ready(signal);
      return await work(client);
    } finally {
      this.#lastUse = Date.now();
      release();
    }
  }

  /** Connects now (the UI's "connect" and a first-contact check) and resolves when ready. */
  async connect(signal: AbortSignal): Promise<void> {
    await this.#ready(signal);
    this.#armIdle();
  }

  /** A new address, user or auth setting: the next operation connects afresh. */
  retarget(target: SshTarget): void {
    const same = JSON.stringify(target) === JSON.stringify(this.#target);
    this.#target = target;
    if (!same) this.#hangUp('idle');
  }

  /** Closes the connection on purpose; queued operations fail as disconnected. */
  close(): void {
    this.#hangUp('idle');
  }

  dispose(): void {
    this.#disposed = true;
    this.#gate.rejectWaiting(sshError(SSH_ERRORS.disconnected, 'Custode is closing'));
    this.#hangUp('idle');
  }

  #hangUp(next: ConnectionStateName): void {
    this.#clearIdle();
    this.#clearRetry();
    this.#connectAbort?.abort(sshError(SSH_ERRORS.cancelled, 'Connection closed'));
    const client = this.#client;
    this.#client = null;
    this.#attempt = 0;
    if (client) client.end();
    this.#setState(next);
  }

  async #ready(signal: AbortSignal): Promise<Client> {
    if (this.#client) return this.#client;
    // Work cancelled already does not start a connection: nobody would wait for it, nor see how it ends.
    if (signal.aborted) throw cancelledError(signal);
    if (!this.#connecting) {
      this.#clearRetry();
      this.#connecting = this.#open().finally(() => {
        this.#connecting = null;
      });
    }
    return await raceAbort(this.#connecting, signal);
  }

  async #open(fromRetry = false): Promise<Client> {
    const abort = new AbortController();
    this.#connectAbort = abort;
    try {
      const client = await this.#handshakeOnceMore(abort.signal);
      this.#client = client;
      this.#attempt = 0;
      this.#lastError = null;
      this.#setState('ready');
      // Every running command listens for the drop, so more than ten at once is normal here.
      client.setMaxListeners(0);
      client.on('close', () => this.#dropped(client));
      return client;
    } catch (error) {
      const appError = error instanceof AppError ? error : classifyConnectError(error, this.#target);
      this.#lastError = appError;
      // The retry loop decides itself whether to go on; a direct request that failed ends any retrying.
      if (!fromRetry) {
        this.#attempt = 0;
        this.#setState('failed');
      }
      throw appError;
    } finally {
      if (this.#connectAbort === abort) this.#connectAbort = null;
    }
  }

  /**
   * A host may give up on a login while a person reads its fingerprint or fetches a password (sshd's
   * LoginGraceTime, two minutes by default). What they already answered is kept (an accepted key is pinned), so one
   * fresh attempt continues what they started instead of failing it.
   */
  async #handshakeOnceMore(signal: AbortSignal): Promise<Client> {
    const person = { asked: false };
    try {
      return await this.#handshake(signal, person);
    } catch (error) {
      const dropped = error instanceof AppError && (error.code === SSH_ERRORS.disconnected || error.code === SSH_ERRORS.timeout);
      if (!person.asked || !dropped || signal.aborted) throw error;
      return await this.#handshake(signal, { asked: false });
    }
  }

  #handshake(signal: AbortSignal, person: { asked: boolean }): Promise<Client> {
    const { trust, prompter, secrets, policy } = this.#deps;
    const target = this.#target;
    const where = { host: target.host, port: target.port };
    return new Promise<Client>((resolve, reject) => {
      // Prompts still open when the attempt ends (server gave up, timeout) are withdrawn through this.
      const attempt = new AbortController();
      const client = new ssh2.Client();
      let settled = false;
      let outcome: TrustOutcome | null = null;
      let trustError: unknown = null;
      // Our own handshake timer, paused while a person reads a fingerprint or types a password.
      let timer: ReturnType<typeof setTimeout> | null = null;
      const arm = (): void => {
        pause();
        timer = setTimeout(() => finish(sshError(SSH_ERRORS.timeout, `No answer from ${target.host}:${target.port} in time`, where)), policy.readyTimeoutMs);
      };
      const pause = (): void => {
        if (timer) clearTimeout(timer);
        timer = null;
      };
      const pausing = <T>(work: () => Promise<T>): Promise<T> => {
        pause();
        return work().finally(() => {
          if (!settled) arm();
        });
      };
      const login = new LoginAttempt({
        target,
        secrets,
        signal: attempt.signal,
        prompter: {
          ask: (request, s) => {
            person.asked = true;
            return pausing(() => prompter.ask(request, s));
          },
        },
        onNotice: (code) => this.#deps.onNotice(target.hostId, code),
      });
      const finish = (error: unknown, ready?: Client): void => {
        if (settled) return;
        settled = true;
        pause();
        signal.removeEventListener('abort', onAbort);
        attempt.abort(sshError(SSH_ERRORS.cancelled, 'The login attempt ended'));
        if (ready) return resolve(ready);
        client.removeAllListeners('ready');
        client.on('error', () => {});
        client.end();
        client.destroy();
        reject(this.#explain(error, outcome, trustError, login));
      };
      const onAbort = (): void => finish(cancelledError(signal));
      if (!login.hasMethods()) return reject(sshError(SSH_ERRORS.noAuthMethod, 'No way to log in is configured for this host', { hostId: target.hostId }));
      signal.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => {
        void login.succeeded().finally(() => {
          if (settled) return client.end();
          // From here on, the connection's own listeners take over.
          client.removeAllListeners('error');
          client.on('error', () => {});
          finish(null, client);
        });
      });
      client.on('error', (error) => finish(error));
      client.on('close', () => finish(sshError(SSH_ERRORS.disconnected, `${target.host} closed the connection during login`, where)));
      this.#setState('connecting');
      arm();
      client.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        readyTimeout: 0,
        keepaliveInterval: policy.keepaliveIntervalMs,
        keepaliveCountMax: policy.keepaliveCountMax,
        algorithms: algorithmsFor(trust.preferredAlgorithms(target.host, target.port)),
        // Trust first: ssh2 sends nothing of ours (no user name, no credential) until verify(true).
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          this.#setState('verifying');
          // No pin yet: a person is shown the fingerprint.
          if (trust.pins(target.host, target.port).length === 0) person.asked = true;
          pausing(() => trust.check(target, key, attempt.signal)).then(
            (result) => {
              outcome = result;
              const ok = result.kind === 'match' || result.kind === 'trusted';
              if (ok) this.#setState('authenticating');
              verify(ok);
            },
            (error: unknown) => {
              trustError = error;
              verify(false);
            },
          );
        },
        authHandler: login.handler as never,
      });
      // Short commands are exchanges of small packets; with Nagle on, each waits for a delayed ACK (about 90 ms
      // per command against OpenSSH, measured by test/bench/ssh-commands.bench.ts). The socket exists from here on.
      client.setNoDelay(true);
    });
  }

  #explain(error: unknown, outcome: TrustOutcome | null, trustError: unknown, login: LoginAttempt): AppError {
    const where = { host: this.#target.host, port: this.#target.port };
    if (outcome?.kind === 'changed') {
      return sshError(SSH_ERRORS.hostKeyChanged, `The host key of ${where.host}:${where.port} changed; refused`, {
        ...where,
        keyType: outcome.keyType,
        fingerprint: outcome.fingerprint,
        pinnedKeyType: outcome.pinned.keyType,
        pinnedFingerprint: outcome.pinned.fingerprint,
      });
    }
    if (outcome?.kind === 'rejected') {
      return sshError(SSH_ERRORS.hostKeyUnknown, `The host key of ${where.host}:${where.port} was not accepted`, { ...where, keyType: outcome.keyType, fingerprint: outcome.fingerprint });
    }
    if (trustError) return trustError instanceof AppError ? trustError : classifyConnectError(trustError, where);
    if (login.cancelled) return sshError(SSH_ERRORS.authCancelled, 'Login cancelled', { ...login.cancelDetails, ...where });
    return classifyConnectError(error, where);
  }

  #dropped(client: Client): void {
    if (client !== this.#client) return;
    this.#client = null;
    this.#clearIdle();
    this.#lastError = sshError(SSH_ERRORS.disconnected, `The connection to ${this.#target.host} was lost`, { host: this.#target.host, port: this.#target.port });
    const inUse = this.#gate.open > 0 || this.#gate.waiting > 0 || Date.now() - this.#lastUse < this.#deps.policy.idleCloseMs;
    if (!this.#disposed && inUse && this.#deps.policy.reconnectAttempts > 0) this.#scheduleRetry();
    else this.#setState('idle');
  }

  #scheduleRetry(): void {
    this.#attempt++;
    const { reconnectBaseMs, reconnectMaxMs, reconnectAttempts } = this.#deps.policy;
    if (this.#attempt > reconnectAttempts) {
      this.#attempt = 0;
      this.#setState('failed');
      return;
    }
    const delay = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** (this.#attempt - 1)) * (0.8 + Math.random() * 0.4);
    this.#setState('reconnecting', Date.now() + delay);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#client || this.#connecting) return;
      this.#connecting = this.#open(true).finally(() => {
        this.#connecting = null;
      });
      this.#connecting.then(
        () => this.#armIdle(),
        (error: AppError) => {
          if (FINAL.has(error.code)) {
            this.#attempt = 0;
            this.#setState('failed');
          } else this.#scheduleRetry();
        },
      );
    }, delay);
  }

  #armIdle(): void {
    this.#clearIdle();
    if (!this.#client || this.#gate.open > 0 || this.#gate.waiting > 0) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#gate.open === 0 && this.#gate.waiting === 0) this.#hangUp('idle');
    }, this.#deps.policy.idleCloseMs);
    this.#idleTimer.unref?.();
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setState(state: ConnectionStateName, retryAt?: number): void {
    const changed = state !== this.#state || state === 'reconnecting';
    this.#state = state;
    if (changed) this.#deps.onState({ ...this.state, ...(retryAt !== undefined ? { retryAt } : {}) });
  }
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (the shared work itself goes on for the others). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The shared work goes on; how it ends is for those who wait for it, not an unhandled rejection.
    promise.catch(() => undefined);
    return Promise.reject(cancelledError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
