import type { ErrorData, ErrorDetails } from './app-error.ts';

/**
 * The details of an error that say what to do about it (`hint`, an i18n key, and its `command`): an error that
 * wraps it carries them on, so the words of what to do are not lost one layer up (the CLI's "pass the password with
 * --password-stdin" under a backup's "could not log in").
 */
export function carriedHint(error: ErrorData | null | undefined): ErrorDetails {
  const hint = error?.details?.['hint'];
  if (typeof hint !== 'string') return {};
  const command = error?.details?.['command'];
  return typeof command === 'string' ? { hint, command } : { hint };
}
