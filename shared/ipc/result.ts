import type { ErrorData } from '../errors/app-error.ts';

/** What every IPC call returns: never a thrown error, always data with a stable code. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorData): Result<never> => ({ ok: false, error });
