import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../shared/model/operation.ts';

/** The reason every change asks for, with its limit counted as the user types. */
export function ReasonField({ value, onChange, disabled = false }: { value: string; onChange(value: string): void; disabled?: boolean }) {
  const { t } = useTranslation();
  const length = value.trim().length;
  return (
    <label className="plan-reason">
      <span>{t('operations.review.reason')}</span>
      <textarea name="reason" value={value} disabled={disabled} aria-invalid={length > REASON_MAX} onChange={(e) => onChange(e.target.value)} />
      <span className="plan-reason-foot muted small">
        <span>{t('operations.review.reasonHint', { max: REASON_MAX })}</span>
        <span>{t('operations.review.reasonCount', { count: length, max: REASON_MAX })}</span>
      </span>
    </label>
  );
}
