import { useTranslation } from 'react-i18next';
import type { OperationPlan, OperationResult } from '../../../shared/model/operation.ts';
import { planCommands } from '../../../shared/model/plan-commands.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import { Badge } from '../../components/Badge.tsx';
import { OperationResultView } from '../operations/OperationResultView.tsx';
import { PlanSteps } from '../operations/PlanSteps.tsx';
import { ReasonField } from '../operations/ReasonField.tsx';

/**
 * The pages' changes as one reviewed plan: every step with its checks and undo, the exact commands, the reason the
 * audit trail keeps; after the run, how each step went with the commands actually sent.
 */
export function ApplyStep({ view, reason, onReason, applied }: { view: SetupPlanView | null; reason: string; onReason(r: string): void; applied: { plan: OperationPlan; result: OperationResult | null } | null }) {
  const { t } = useTranslation();
  const plan = view?.plan ?? null;
  return (
    <div className="stack-sm" data-testid="setup-page-apply" data-changes={view?.changes ?? ''}>
      {applied?.result ? (
        <>
          <h3 className="setup-heading">
            {t('setup.ui.apply.ran')} <Badge tone={applied.result.outcome === 'succeeded' ? 'success' : 'danger'}>{t(`operations.outcome.${applied.result.outcome}`)}</Badge>
          </h3>
          <OperationResultView plan={applied.plan} result={applied.result} />
        </>
      ) : null}
      {view === null ? null : view.waiting && view.waiting.length > 0 ? (
        <p className="setup-warning" data-testid="setup-waiting">
          {t('setup.ui.apply.waiting', { pages: view.waiting.map((p) => t(`setup.page.${p}`)).join(', ') })}
        </p>
      ) : plan === null ? (
        <p data-testid="setup-zero">{t('setup.ui.apply.nothing')}</p>
      ) : (
        <>
          <p>{t('setup.ui.apply.intro', { count: view.changes, host: view.host, nas: view.nas })}</p>
          <PlanSteps plan={plan} />
          <h3 className="setup-heading">{t('setup.ui.apply.commands')}</h3>
          <pre className="plan-commands" data-testid="plan-commands">
            {planCommands(plan)}
          </pre>
          <ReasonField value={reason} onChange={onReason} />
        </>
      )}
    </div>
  );
}
