import { AppError } from '../../../shared/errors/app-error.ts';

/** The stable codes of the SSH layer; the UI words each one through `error.<code>` in shared/i18n/ssh.ts. */
export const SSH_ERRORS = {
  unreachable: 'ssh.unreachable',
  timeout: 'ssh.timeout',
  authFailed: 'ssh.authFailed',
  authCancelled: 'ssh.authCancelled',
  hostKeyUnknown: 'ssh.hostKeyUnknown',
  hostKeyChanged: 'ssh.hostKeyChanged',
  channelLimit: 'ssh.channelLimit',
  disconnected: 'ssh.disconnected',
  cancelled: 'ssh.cancelled',
  keyUnreadable: 'ssh.keyUnreadable',
  noAuthMethod: 'ssh.noAuthMethod',
  sftpFailed: 'ssh.sftpFailed',
  fileNotFound: 'ssh.fileNotFound',
} as const;

export type SshErrorCode = (typeof SSH_ERRORS)[keyof typeof SSH_ERRORS];

export function sshError(code: SshErrorCode, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}

/**
 * Whether an error says the host answered but the login did not happen (credentials refused, or no password given):
 * what to fix is how Custode logs in, not whether the host is on.
 */
export function loginRefused(error: { code: string } | null | undefined): boolean {
  return error?.code === SSH_ERRORS.authFailed || error?.code === SSH_ERRORS.authCancelled;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * Turns what ssh2 or the socket threw while connecting into one of our codes. ssh2 marks its errors with a
 * `level`; socket errors carry errno codes. Anything unrecognised during a connect attempt is `unreachable`
 * with the original text kept as detail.
 */
export function classifyConnectError(error: unknown, where: { host: string; port: number }): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; level?: string; message?: string };
  const details = { ...where, cause: String(e?.message ?? error) };
  if (e?.level === 'client-timeout' || e?.code === 'ETIMEDOUT') return sshError(SSH_ERRORS.timeout, `No answer from ${where.host}:${where.port} in time`, details);
  if (e?.level === 'client-authentication') return sshError(SSH_ERRORS.authFailed, `The host refused the credentials`, details);
  if (e?.code && UNREACHABLE.has(e.code)) return sshError(SSH_ERRORS.unreachable, `Cannot reach ${where.host}:${where.port}`, { ...details, errno: e.code });
  if (e?.code && DROPPED.has(e.code)) return sshError(SSH_ERRORS.disconnected, `The connection to ${where.host} was cut`, { ...details, errno: e.code });
  return sshError(SSH_ERRORS.unreachable, `Cannot connect to ${where.host}:${where.port}`, details);
}

/** A signal's reason as an error we can throw: our own AppError as is, anything else as `ssh.cancelled`. */
export function cancelledError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError && reason.code === SSH_ERRORS.timeout) return reason;
  return sshError(SSH_ERRORS.cancelled, 'Cancelled', reason instanceof AppError ? { reason: reason.code } : undefined);
}
