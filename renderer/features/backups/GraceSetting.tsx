import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { MAX_GRACE_MINUTES as MAX_GRACE } from '../../../shared/model/backup-history.ts';
import { client } from '../../app/client.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorData } from '../../stores/fleet/service.ts';

/** How long after its time a scheduled run may still come before it counts as missed. */
export function GraceSetting({ value, onSaved }: { value: number; onSaved(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(value));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const minutes = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const valid = Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_GRACE;
  const save = async (): Promise<void> => {
    setError(null);
    try {
      await client().call('backup.updateAlertSettings', { graceMinutes: minutes });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(errorData(e));
    }
  };
  return (
    <form
      className="backup-grace"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void save();
      }}
    >
      <label>
        <span>{t('backups.ui2.grace.label')}</span>
        <input
          name="grace"
          inputMode="numeric"
          value={text}
          aria-invalid={!valid}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <Button type="submit" disabled={!valid || minutes === value}>
        {t('backups.ui2.grace.save')}
      </Button>
      {!valid ? <span className="small error-alert">{t('backups.ui2.grace.invalid', { max: MAX_GRACE })}</span> : saved ? <span className="small muted" role="status">{t('backups.ui2.grace.saved')}</span> : null}
      <ErrorAlert error={error} />
    </form>
  );
}
