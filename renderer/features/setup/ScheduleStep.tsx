import { useTranslation } from 'react-i18next';
import { PageFacts, Refusal } from './PageFacts.tsx';
import type { FormPageProps } from './page-props.ts';
import { EVERY_DAY, WEEK_ORDER, WORK_DAYS } from '../../../shared/model/week-days.ts';
import { Button } from '../../components/Button.tsx';
import { pageView, shownDays, shownExclude, toggled, type SetupChoices } from './wizard-pages.ts';

const PLACES: Array<SetupChoices['schedule']> = ['auto', 'host', 'nas'];

/**
 * Page f: when the backups run (the host's clock, on the days ticked), which VMs are left out, staggered by core against the other hosts on the same NAS; the
 * cron line with its own `-l` log on the share, put back at each boot by local.sh; under Secure Boot (local.sh never
 * runs) core says so and the NAS starts the run instead.
 */
export function ScheduleStep({ view, state, refusal, choices, onChange, secureBoot }: FormPageProps & { secureBoot: boolean }) {
  const { t } = useTranslation();
  const days = shownDays(choices, view);
  const exclude = shownExclude(choices, view);
  const hostVms = view?.vms ?? [];
  // A name kept in the file for a VM not made yet stays listed, so unticking it is possible.
  const vms = [...hostVms, ...exclude.filter((n) => !hostVms.includes(n))];
  return (
    <div className="stack-sm" data-testid="setup-page-schedule">
      <p className="muted">{t('setup.ui.schedule.intro', { time: view?.summary.time ?? '…' })}</p>
      <div className="setup-form">
        <label className="setup-field">
          <span>{t('setup.ui.schedule.time')}</span>
          <input name="time" className="setup-time" value={choices.time} placeholder={String(view?.summary.time ?? '04:30')} aria-invalid={refusal?.code === 'setup.timeInvalid'} onChange={(e) => onChange({ time: e.target.value })} />
          <span className="muted small">{t('setup.ui.schedule.timeHint')}</span>
        </label>
        <fieldset className="setup-field setup-fieldset setup-wide" data-testid="setup-days">
          <legend>{t('setup.ui.schedule.days')}</legend>
          <div className="setup-days">
            {WEEK_ORDER.map((d) => (
              <label key={d} className="setup-check">
                <input type="checkbox" name="day" value={d} checked={days.includes(d)} aria-invalid={refusal?.code === 'setup.daysInvalid'} onChange={(e) => onChange({ days: toggled(days, d, e.target.checked) })} /> {t(`setup.ui.schedule.day.${d}`)}
              </label>
            ))}
          </div>
          <div className="setup-days">
            <Button variant="secondary" onClick={() => onChange({ days: [...EVERY_DAY] })}>
              {t('setup.ui.schedule.everyDay')}
            </Button>
            <Button variant="secondary" onClick={() => onChange({ days: [...WORK_DAYS] })}>
              {t('setup.ui.schedule.workDays')}
            </Button>
          </div>
          <span className="muted small">{t('setup.ui.schedule.daysHint')}</span>
          <span className="muted small">{t('setup.ui.schedule.stagger')}</span>
        </fieldset>
        <fieldset className="setup-field setup-fieldset setup-wide" data-testid="setup-exclude">
          <legend>{t('setup.ui.schedule.exclude')}</legend>
          {vms.length === 0 ? <span className="muted small">{t('setup.ui.schedule.excludeNone')}</span> : null}
          {vms.map((vm) => (
            <label key={vm} className="setup-check">
              <input type="checkbox" name="exclude" value={vm} checked={exclude.includes(vm)} onChange={(e) => onChange({ exclude: toggled(exclude, vm, e.target.checked) })} /> {hostVms.includes(vm) ? vm : t('setup.ui.schedule.excludeGone', { vm })}
            </label>
          ))}
          <span className="muted small">{t('setup.ui.schedule.excludeHint')}</span>
        </fieldset>
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
