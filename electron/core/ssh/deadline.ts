import { sshError, SSH_ERRORS } from './errors.ts';

/**
 * The caller's signal plus a deadline: aborts with `ssh.timeout` when `timeoutMs` passes. The deadline covers
 * the whole call (waiting for a channel, connecting, running), which is what a caller means by a timeout.
 */
export function withDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): { signal: AbortSignal; done(): void } {
  if (timeoutMs === undefined) return { signal: signal ?? new AbortController().signal, done: () => {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(sshError(SSH_ERRORS.timeout, `Not finished within ${timeoutMs} ms`, { timeoutMs })), timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
