import { describe, expect, it } from 'vitest';
import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';

describe('toErrorData', () => {
  it('keeps the code of an AppError, of an error already carried as data, and calls anything else internal', () => {
    expect(toErrorData(new AppError('ssh.authFailed', 'refused', { host: 'h' }))).toMatchObject({ code: 'ssh.authFailed', message: 'refused' });
    const data = { code: 'ssh.authFailed', message: 'The host refused the credentials', details: { port: 22 } };
    expect(toErrorData(data)).toEqual(data);
    expect(toErrorData(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toErrorData({ code: 1, message: 'x' })).toEqual({ code: 'internal', message: '[object Object]' });
    expect(toErrorData('text')).toEqual({ code: 'internal', message: 'text' });
  });
});
