import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { Badge } from '../../components/Badge.tsx';
import { WEEK_ORDER } from '../../../shared/model/week-days.ts';
import { STATE_TONE } from './PageFacts.tsx';
import { shownDays } from './wizard-pages.ts';

const FACTS = ['dataset', 'share', 'volume', 'script', 'conf', 'rotation', 'time', 'days', 'exclude', 'schedule', 'esxi', 'secureBoot'] as const;

/** The plan's days in the user's language, Monday first: "every day" for all seven. */
function dayWords(t: TFunction, view: SetupPlanView): string {
  const days = shownDays({ days: null }, view);
  return days.length === 7 ? t('setup.ui.schedule.everyDay') : WEEK_ORDER.filter((d) => days.includes(d)).map((d) => t(`setup.ui.schedule.day.${d}`)).join(', ');
}

/**
 * Page h: the host's setup as it now stands (each page done or not), what was run with its commands, and the undo
 * plan: each step's own undo, and "Remove setup" for the whole, which never deletes the copies on the NAS.
 */
export function SummaryStep({ view, ran }: { view: SetupPlanView | null; ran: OperationPlan | null }) {
  const { t } = useTranslation();
  if (view === null) return <p className="muted">{t('setup.ui.notPlanned')}</p>;
  const undo = (ran?.steps ?? []).filter((s) => s.undo !== null && s.undo.length > 0);
  return (
    <div className="stack-sm" data-testid="setup-page-summary" data-changes={view.changes}>
      <p data-testid="setup-summary-state">{view.changes === 0 && !view.waiting ? t('setup.ui.summary.allDone', { host: view.host }) : t('setup.ui.summary.left', { count: view.changes })}</p>
      <ul className="setup-summary-pages">
        {view.pages.map((p) => (
          <li key={p.page} data-testid="setup-summary-page" data-page={p.page} data-state={p.status}>
            <Badge tone={STATE_TONE[p.status]}>{t(`setup.ui.state.${p.status}`)}</Badge> <strong>{t(`setup.page.${p.page}`)}</strong> — {t(p.found.key, p.found.params)}
          </li>
        ))}
      </ul>
      <dl className="setup-facts-list">
        {FACTS.map((k) => (
          <div key={k}>
            <dt>{t(`setup.ui.summary.${k}`)}</dt>
            <dd className={k === 'rotation' || k === 'time' || k === 'days' ? '' : 'mono'}>{k === 'schedule' ? t(`setup.where.${String(view.summary[k])}`) : k === 'days' ? dayWords(t, view) : k === 'secureBoot' ? t(`setup.secureBoot.${String(view.summary[k])}`) : String(view.summary[k] ?? '—')}</dd>
          </div>
        ))}
      </dl>
      {ran ? (
        <>
          <h3 className="setup-heading">{t('setup.ui.summary.ran')}</h3>
          <pre className="plan-commands" data-testid="setup-ran-commands">
            {ran.steps.flatMap((s) => [`# ${t(s.words.key, s.words.params)}`, ...s.actions.map((a) => a.command)]).join('\n')}
          </pre>
          <h3 className="setup-heading">{t('setup.ui.summary.undo')}</h3>
          <ol className="setup-undo" data-testid="setup-undo">
            {undo.map((s) => (
              <li key={s.id}>{s.undo!.map((u) => t(u.words.key, u.words.params)).join('; ')}</li>
            ))}
          </ol>
        </>
      ) : null}
      <p className="muted">{t('setup.ui.summary.remove')}</p>
    </div>
  );
}
