import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { errorText } from '../../i18n/error-text.ts';
import { ago, dateTime } from './format.ts';

/** A machine the last check could not reach: the error in its own words, naming it, and how old the data shown is. */
export function HostDownAlert({ error, machine, hasData, probedAt, now }: { error: ErrorData | null; machine: string; hasData: boolean; probedAt: number | null; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="host-down" role="alert" data-testid="host-error">
      {error ? <p>{errorText(t, error, machine)}</p> : null}
      <p className="small">
        {hasData && probedAt
          ? t('fleet.ui.staleData', { date: dateTime(i18n.language, probedAt), age: ago(i18n.language, probedAt, now) })
          : t('fleet.ui.noStaleData')}
      </p>
    </div>
  );
}
