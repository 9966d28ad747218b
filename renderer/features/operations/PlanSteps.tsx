import { useTranslation } from 'react-i18next';
import type { OperationPlan, StepTarget } from '../../../shared/model/operation.ts';
import { Badge } from '../../components/Badge.tsx';

export function targetLabel(t: (k: string, p?: Record<string, unknown>) => string, target: StepTarget): string {
  return target.kind === 'host' ? t('operations.review.on', { target: target.name === target.address ? target.name : `${target.name} (${target.address})` }) : t('operations.review.workstation');
}

/** The steps of a plan in order: what each does, where, what is checked first, and how it is undone. */
export function PlanSteps({ plan }: { plan: OperationPlan }) {
  const { t } = useTranslation();
  return (
    <ol className="plan-steps">
      {plan.steps.map((step, i) => (
        <li key={step.id} className="plan-step" data-testid="plan-step">
          <div className="plan-step-head">
            <strong>{t('operations.review.step', { n: i + 1 })}</strong>
            <span className="muted small">{targetLabel(t, step.target)}</span>
            {step.danger ? <Badge tone="danger">{t('operations.review.dangerous')}</Badge> : null}
          </div>
          <p>{t(step.words.key, step.words.params)}</p>
          {step.checks.length > 0 ? (
            <p className="muted small">
              {t('operations.review.checks')} {step.checks.map((c) => t(c.words.key, c.words.params)).join('; ')}
            </p>
          ) : null}
          <p className="muted small">
            {step.undo === null
              ? t('operations.review.noUndo')
              : step.undo.length === 0
                ? t('operations.review.undoNothing')
                : `${t('operations.review.undo')} ${step.undo.map((u) => t(u.words.key, u.words.params)).join('; ')}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
