/**
 * Errors cross every boundary (core → router → IPC → renderer) as data with a stable code.
 * The code names the failure; the UI words come from i18n (`error.<code>`), never from `message`.
 */
export type ErrorDetails = Record<string, unknown>;

export interface ErrorData {
  code: string;
  message: string;
  details?: ErrorDetails;
}

export class AppError extends Error {
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Anything thrown becomes ErrorData; foreign errors keep their message under a generic code. */
export function toErrorData(value: unknown): ErrorData {
  if (value instanceof AppError) return value.toData();
  if (value instanceof Error && value.name === 'AbortError') {
    return { code: 'job.cancelled', message: 'The operation was cancelled' };
  }
  // An error already carried as data (a step's recorded error thrown again) keeps its code.
  if (isErrorData(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { code: 'internal', message };
}

function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}
