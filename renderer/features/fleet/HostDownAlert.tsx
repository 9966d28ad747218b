import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime } from './format.ts';

/** A machine the last check could not reach: the error in its own words, and how old the data shown is. */
export function HostDownAlert({ error, hasData, probedAt }: { error: ErrorData | null; hasData: boolean; probedAt: number | null }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="host-down" role="alert" data-testid="host-error">
      {error ? <p>{errorText(t, error)}</p> : null}
      <p className="small">{hasData ? t('fleet.ui.staleData', { date: probedAt ? dateTime(i18n.language, probedAt) : '—' }) : t('fleet.ui.noStaleData')}</p>
    </div>
  );
}
