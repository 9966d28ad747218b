import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import type { SetupStepView } from '../../../shared/model/setup.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { targetLabel } from '../operations/PlanSteps.tsx';
import { pageSteps, type PageState } from './wizard-pages.ts';

/** Core's notes that are warnings to heed, not facts: shown as such. */
const WARNINGS = new Set(['setup.share.authSys', 'setup.schedule.secureBoot']);

export const STATE_TONE: Record<PageState, BadgeTone> = { done: 'success', change: 'info', waiting: 'warning', refused: 'danger', none: 'neutral', stale: 'warning' };

/** A refusal on its page: core's words for the code, then what to do here in the wizard. */
export function Refusal({ error }: { error: ErrorData }) {
  const { t } = useTranslation();
  return (
    <div className="setup-refusal" role="alert" data-testid="setup-refusal" data-code={error.code}>
      <strong>{t('setup.ui.refused')}</strong>
      <p>{errorText(t, error)}</p>
      {t(`setup.ui.fix.${error.code}`, { defaultValue: '' }) !== '' ? <p>{t(`setup.ui.fix.${error.code}`, { ...error.details })}</p> : null}
    </div>
  );
}

/**
 * One page of the plan as core read it: already done or what changes, what was found, the notes to read, a file's
 * diff, and each step of the page with the exact commands it sends and how it is undone.
 */
export function PageFacts({ page, plan, state, children }: { page: SetupStepView | null; plan: OperationPlan | null; state: PageState; children?: ReactNode }) {
  const { t } = useTranslation();
  // A refused page's last plan is not what would run: its steps are not shown.
  const steps = state === 'refused' ? [] : pageSteps(plan, page);
  const notes = page?.notes.filter((n) => !WARNINGS.has(n.key)) ?? [];
  const warnings = page?.notes.filter((n) => WARNINGS.has(n.key)) ?? [];
  return (
    <div className={state === 'stale' ? 'setup-facts setup-facts-stale' : 'setup-facts'} data-testid="setup-facts" data-state={state}>
      <div className="setup-facts-head">
        <Badge tone={STATE_TONE[state]}>{t(`setup.ui.state.${state}`)}</Badge>
        {page ? <span data-testid="setup-found">{t(page.found.key, page.found.params)}</span> : <span className="muted">{t('setup.ui.notPlanned')}</span>}
      </div>
      {state === 'stale' ? (
        <p className="setup-warning" data-testid="setup-stale">
          {t('setup.ui.staleNote')}
        </p>
      ) : null}
      {warnings.map((n) => (
        <p key={n.key} className="setup-warning" data-testid="setup-warning" data-key={n.key}>
          {t(n.key, n.params)}
        </p>
      ))}
      {notes.length > 0 ? (
        <ul className="setup-notes">
          {notes.map((n, i) => (
            <li key={i} data-testid="setup-note">
              {t(n.key, n.params)}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
      {page?.diff && state !== 'refused' ? (
        <>
          <h3 className="setup-heading">{t('setup.ui.diff')}</h3>
          <pre className="plan-commands setup-diff" data-testid="setup-diff">
            {page.diff}
          </pre>
        </>
      ) : null}
      {state === 'done' ? (
        <p className="muted" data-testid="setup-nothing">
          {t('setup.ui.alreadyDone')}
        </p>
      ) : null}
      {steps.length > 0 ? (
        <>
          <h3 className="setup-heading">{t('setup.ui.changes')}</h3>
          <ol className="setup-steps" data-testid="setup-page-steps">
            {steps.map((s) => (
              <li key={s.id} className="plan-step" data-testid="setup-step" data-step={s.id}>
                <div className="plan-step-head">
                  <strong>{t(s.words.key, s.words.params)}</strong>
                  <span className="muted small">{targetLabel(t, s.target)}</span>
                </div>
                <pre className="plan-commands" data-testid="setup-commands">
                  {s.actions.map((a) => a.command).join('\n')}
                </pre>
                <p className="muted small">{s.undo === null ? t('operations.review.noUndo') : s.undo.length === 0 ? t('operations.review.undoNothing') : `${t('operations.review.undo')} ${s.undo.map((u) => t(u.words.key, u.words.params)).join('; ')}`}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
