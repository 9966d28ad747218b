import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../shared/errors/app-error.ts';
import { createRouter } from '../../../electron/core/ipc/router.ts';

const contract = {
  'math.double': { input: z.object({ n: z.number().int() }).strict(), output: z.object({ n: z.number() }) },
  'math.broken': { input: z.object({}), output: z.object({ n: z.number() }) },
  'math.refuse': { input: z.object({}), output: z.object({}) },
  'math.crash': { input: z.object({}), output: z.object({}) },
};

const router = createRouter(contract, {
  'math.double': ({ n }) => ({ n: n * 2 }),
  'math.broken': () => ({ n: 'not a number' }) as unknown as { n: number },
  'math.refuse': () => {
    throw new AppError('math.refused', 'No', { why: 'test' });
  },
  'math.crash': () => {
    throw new TypeError('boom');
  },
});
const ctx = { signal: new AbortController().signal };

describe('IPC router', () => {
  it('returns the value of a valid call', async () => {
    expect(await router.dispatch('math.double', { n: 21 }, ctx)).toEqual({ ok: true, value: { n: 42 } });
  });

  it('refuses a name outside the contract, including prototype names', async () => {
    for (const name of ['math.triple', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.dispatch(name, {}, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'ipc.unknownMethod' } });
    }
  });

  it('returns ipc.invalidInput with the failing path for bad input', async () => {
    const result = await router.dispatch('math.double', { n: 'x' }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ipc.invalidInput');
    expect(result.error.details).toEqual({ issues: [expect.objectContaining({ path: 'n' })] });
    expect(await router.dispatch('math.double', { n: 1, extra: true }, ctx)).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
  });

  it('keeps the code of a typed error, and wraps anything else as internal', async () => {
    expect(await router.dispatch('math.refuse', {}, ctx)).toEqual({ ok: false, error: { code: 'math.refused', message: 'No', details: { why: 'test' } } });
    expect(await router.dispatch('math.crash', {}, ctx)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('refuses to pass on output that breaks the contract', async () => {
    expect(await router.dispatch('math.broken', {}, ctx)).toMatchObject({ ok: false, error: { code: 'ipc.invalidOutput' } });
  });
});
