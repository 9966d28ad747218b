import type { TFunction } from 'i18next';
import type { ErrorData } from '../../shared/errors/app-error.ts';

/**
 * Words for an error come from its code; `message` is only a fallback detail, never the sentence shown.
 * `machine` names the machine the error is about as the user named it ("esxi-07 (10.0.0.17)"), in place of the
 * bare address core knows; without it and without a host in the details, the sentence says "the host".
 */
export function errorText(t: TFunction, error: ErrorData, machine?: string): string {
  const key = `error.${error.code}`;
  const detail = Array.isArray(error.details?.issues)
    ? (error.details.issues as { path: string; message: string }[]).map((i) => `${i.path || '∅'}: ${i.message}`).join('; ')
    : '';
  const details = error.details ?? {};
  const host = machine ?? (typeof details.host === 'string' ? details.host : t('error.someHost'));
  const params = { port: 22, ...details, host, detail, message: error.message, code: error.code };
  return t(key, { ...params, defaultValue: t('error.unknown', params) });
}
