import type { TFunction } from 'i18next';
import type { ErrorData } from '../../shared/errors/app-error.ts';

/** Words for an error come from its code; `message` is only a fallback detail, never the sentence shown. */
export function errorText(t: TFunction, error: ErrorData): string {
  const key = `error.${error.code}`;
  const detail = Array.isArray(error.details?.issues)
    ? (error.details.issues as { path: string; message: string }[]).map((i) => `${i.path || '∅'}: ${i.message}`).join('; ')
    : '';
  const params = { ...(error.details ?? {}), detail, message: error.message, code: error.code };
  return t(key, { ...params, defaultValue: t('error.unknown', params) });
}
