import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cancelledError, classifyConnectError } from '../../../electron/core/ssh/errors.ts';

const where = { host: '10.0.0.8', port: 22 };
const err = (message: string, extra: Record<string, unknown>) => Object.assign(new Error(message), extra);

describe('SSH error codes', () => {
  it('maps socket and ssh2 failures to stable codes', () => {
    expect(classifyConnectError(err('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), where).code).toBe('ssh.unreachable');
    expect(classifyConnectError(err('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }), where).code).toBe('ssh.unreachable');
    expect(classifyConnectError(err('Timed out while waiting for handshake', { level: 'client-timeout' }), where).code).toBe('ssh.timeout');
    expect(classifyConnectError(err('All configured authentication methods failed', { level: 'client-authentication' }), where).code).toBe('ssh.authFailed');
    expect(classifyConnectError(err('read ECONNRESET', { code: 'ECONNRESET' }), where).code).toBe('ssh.disconnected');
  });

  it('keeps where and why as details, and our own errors as they are', () => {
    expect(classifyConnectError(err('boom', {}), where).details).toMatchObject({ host: '10.0.0.8', port: 22, cause: 'boom' });
    const own = new AppError('ssh.hostKeyChanged', 'x');
    expect(classifyConnectError(own, where)).toBe(own);
  });

  it('an abort is ssh.cancelled, a deadline stays ssh.timeout', () => {
    const c = new AbortController();
    c.abort(new AppError('job.cancelled', 'user'));
    expect(cancelledError(c.signal)).toMatchObject({ code: 'ssh.cancelled', details: { reason: 'job.cancelled' } });
    const t = new AbortController();
    t.abort(new AppError('ssh.timeout', 'late'));
    expect(cancelledError(t.signal).code).toBe('ssh.timeout');
  });
});
