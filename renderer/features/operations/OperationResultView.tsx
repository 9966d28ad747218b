import { useTranslation } from 'react-i18next';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

export const OUTCOME_TONE: Record<string, BadgeTone> = {
  succeeded: 'success',
  tookEffect: 'success',
  trusted: 'success',
  imported: 'success',
  failed: 'danger',
  changed: 'danger',
  rejected: 'warning',
  refused: 'warning',
  noEffect: 'warning',
  cancelled: 'neutral',
  removed: 'neutral',
  unknown: 'warning',
};

/** How each reached step went, with the commands actually sent and their exit status. */
export function OperationResultView({ plan, result }: { plan: OperationPlan; result: OperationResult }) {
  const { t } = useTranslation();
  return (
    <ol className="plan-steps" data-testid="operation-result" data-outcome={result.outcome}>
      {result.steps.map((r) => (
        <li key={r.stepId} className="plan-step" data-outcome={r.outcome}>
          <div className="plan-step-head">
            <strong>{t('operations.review.step', { n: r.index + 1 })}</strong>
            <Badge tone={OUTCOME_TONE[r.outcome] ?? 'neutral'}>{t(`operations.outcome.${r.outcome}`)}</Badge>
          </div>
          {plan.steps[r.index] ? <p>{t(plan.steps[r.index]!.words.key, plan.steps[r.index]!.words.params)}</p> : null}
          <ul className="sent-commands">
            {r.commands.map((c, i) => (
              <li key={i}>
                <code>{c.command}</code>{' '}
                <span className="muted small">→ {c.exitCode === null ? (c.error?.code ?? t('operations.result.noExit')) : t('operations.result.exit', { code: c.exitCode })}</span>
                {c.output ? <pre className="sent-output">{c.output}</pre> : null}
              </li>
            ))}
          </ul>
          {r.outcome === 'unknown' ? <p className="muted small">{t('operations.result.unknownNote')}</p> : null}
        </li>
      ))}
    </ol>
  );
}
