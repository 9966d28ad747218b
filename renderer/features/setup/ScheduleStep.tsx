import { useTranslation } from 'react-i18next';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { pageView, type SetupChoices } from './wizard-pages.ts';

const PLACES: Array<SetupChoices['schedule']> = ['auto', 'host', 'nas'];

/**
 * Page f: when the backups run (the host's clock), staggered by core against the other hosts on the same NAS; the
 * cron line with its own `-l` log on the share, put back at each boot by local.sh; under Secure Boot (local.sh never
 * runs) core says so and the NAS starts the run instead.
 */
export function ScheduleStep({ view, state, refusal, choices, onChange, secureBoot }: FormPageProps & { secureBoot: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="stack-sm" data-testid="setup-page-schedule">
      <p className="muted">{t('setup.ui.schedule.intro', { time: view?.summary.time ?? '…' })}</p>
      <div className="setup-form">
        <label className="setup-field">
          <span>{t('setup.ui.schedule.time')}</span>
          <input name="time" className="setup-time" value={choices.time} placeholder={String(view?.summary.time ?? '04:30')} aria-invalid={refusal?.code === 'setup.timeInvalid'} onChange={(e) => onChange({ time: e.target.value })} />
          <span className="muted small">{t('setup.ui.schedule.timeHint')}</span>
        </label>
        <div className="setup-field">
          <span>{t('setup.ui.schedule.days')}</span>
          <span>{t('setup.ui.schedule.everyDay')}</span>
          <span className="muted small">{t('setup.ui.schedule.stagger')}</span>
        </div>
        <fieldset className="setup-field setup-fieldset setup-wide">
          <legend>{t('setup.ui.schedule.place')}</legend>
          {PLACES.map((p) => (
            <label key={p} className="setup-check">
              <input type="radio" name="schedule" value={p} checked={choices.schedule === p} onChange={() => onChange({ schedule: p })} /> {t(`setup.ui.schedule.place.${p}`)}
            </label>
          ))}
          {secureBoot ? (
            <p className="setup-warning" data-testid="setup-secure-boot-note">
              {t('setup.ui.schedule.secureBoot')}
            </p>
          ) : null}
        </fieldset>
      </div>
      {refusal ? <Refusal error={refusal} /> : null}
      <PageFacts page={pageView(view, 'schedule')} plan={view?.plan ?? null} state={state} />
    </div>
  );
}
