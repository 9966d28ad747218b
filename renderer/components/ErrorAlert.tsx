import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../shared/errors/app-error.ts';
import { errorText } from '../i18n/error-text.ts';

/** A call's error in the user's words, announced to screen readers; its code stays on the element for tests. */
export function ErrorAlert({ error }: { error: ErrorData | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-alert" role="alert" data-code={error.code}>
      {errorText(t, error)}
    </p>
  );
}
