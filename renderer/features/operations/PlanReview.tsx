import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../shared/errors/app-error.ts';
import { REASON_MAX, type OperationPlan, type OperationResult } from '../../../shared/model/operation.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { client, CallError } from '../../app/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OperationResultView } from './OperationResultView.tsx';
import { planCommands } from '../../../shared/model/plan-commands.ts';
import { PlanSteps } from './PlanSteps.tsx';
import { ReasonField } from './ReasonField.tsx';
import { runOperation } from './run-operation.ts';
import './operations.css';

type Phase = 'review' | 'confirm' | 'running' | 'result';

const asError = (e: unknown): ErrorData => (e instanceof CallError ? e.data : { code: 'internal', message: String(e) });

/**
 * The one review of every change: the steps and their exact commands, the risk, a required reason, a second
 * confirmation naming the object of each dangerous step, then the run and its result with the planned undo.
 * `onClose` hears whether anything ran, and how the last run went.
 */
export function PlanReview({ plan: initial, onClose }: { plan: OperationPlan; onClose(changed: boolean, result: OperationResult | null): void }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState(initial);
  const [phase, setPhase] = useState<Phase>('review');
  const [reason, setReason] = useState('');
  const [showCommands, setShowCommands] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [result, setResult] = useState<OperationResult | null>(null);
  const [changed, setChanged] = useState(false);
  const dangers = plan.steps.flatMap((s) => (s.danger ? [s.danger] : []));
  const title = t(plan.title.key, plan.title.params);
  const trimmed = reason.trim();
  const reasonOk = trimmed.length > 0 && trimmed.length <= REASON_MAX;

  const close = () => {
    if (phase === 'running') return;
    if (phase === 'review' || phase === 'confirm') void client().call('operations.discard', { planId: plan.id }).catch(() => undefined);
    onClose(changed, result);
  };
  const run = async () => {
    setPhase('running');
    setError(null);
    try {
      const { done, result: r } = await runOperation(plan, trimmed, dangers.map((d) => d.object));
      setChanged(true);
      setResult(r);
      if (done.state !== 'succeeded' && done.error) setError(done.error);
      setPhase(r ? 'result' : 'review');
    } catch (e) {
      setError(asError(e));
      setPhase('review');
    }
  };
  const reviewUndo = async () => {
    try {
      const undo = await client().call('operations.planUndo', { operationId: plan.id });
      setPlan(undo);
      setReason('');
      setResult(null);
      setError(null);
      setPhase('review');
    } catch (e) {
      setError(asError(e));
    }
  };

  const actions =
    phase === 'result' ? (
      <>
        {result?.undoAvailable ? <Button onClick={() => void reviewUndo()}>{t('operations.result.undo')}</Button> : null}
        <Button variant="primary" onClick={() => onClose(changed, result)}>
          {t('operations.result.close')}
        </Button>
      </>
    ) : phase === 'confirm' ? (
      <>
        <Button onClick={() => setPhase('review')}>{t('operations.review.back')}</Button>
        <Button variant="danger" data-testid="confirm-danger" onClick={() => void run()}>
          {t('operations.review.confirmButton', { object: dangers.map((d) => d.object).join(', ') })}
        </Button>
      </>
    ) : (
      <>
        <Button onClick={close} disabled={phase === 'running'}>
          {t('operations.review.cancel')}
        </Button>
        <Button variant={dangers.length > 0 ? 'danger' : 'primary'} disabled={!reasonOk || phase === 'running'} onClick={() => (dangers.length > 0 ? setPhase('confirm') : void run())}>
          {phase === 'running' ? t('operations.review.running') : t('operations.review.run')}
        </Button>
      </>
    );

  return (
    <Dialog
      open
      tone={dangers.length > 0 ? 'danger' : 'neutral'}
      title={
        phase === 'confirm'
          ? t('operations.review.confirmTitle', { object: dangers.map((d) => d.object).join(', ') })
          : phase === 'result'
            ? t('operations.result.title', { title })
            : t('operations.review.title', { title })
      }
      onClose={close}
      dismissable={phase !== 'running'}
      actions={actions}
    >
      <div className="plan-review" data-testid="plan-review" data-phase={phase} data-kind={plan.kind}>
        {phase === 'confirm' ? (
          dangers.map((d) => (
            <p key={d.object}>{t('operations.review.confirmBody', { object: d.object, danger: t(d.words.key, d.words.params) })}</p>
          ))
        ) : phase === 'result' && result ? (
          <>
            <div className="plan-meta">
              <Badge tone={result.outcome === 'succeeded' ? 'success' : 'danger'}>{t(`operations.outcome.${result.outcome}`)}</Badge>
            </div>
            <OperationResultView plan={plan} result={result} />
            {result.undoAvailable ? <p>{t('operations.result.undoOffer')}</p> : null}
          </>
        ) : (
          <>
            <div className="plan-meta">
              <Badge tone={plan.risk === 'high' ? 'danger' : plan.risk === 'medium' ? 'warning' : 'neutral'}>{t(`operations.risk.${plan.risk}`)}</Badge>
              <span className="muted small">{plan.about}</span>
            </div>
            <p className="muted">{t('operations.review.intro')}</p>
            <PlanSteps plan={plan} />
            <div className="plan-meta">
              <Button variant="ghost" aria-expanded={showCommands} onClick={() => setShowCommands(!showCommands)}>
                {showCommands ? t('operations.review.hideCommands') : t('operations.review.showCommands')}
              </Button>
              {showCommands ? (
                <Button
                  variant="ghost"
                  onClick={() =>
                    void navigator.clipboard?.writeText(planCommands(plan)).then(
                      () => setCopied(true),
                      () => undefined,
                    )
                  }
                >
                  {copied ? t('operations.review.copied') : t('operations.review.copy')}
                </Button>
              ) : null}
            </div>
            {showCommands ? (
              <pre className="plan-commands" data-testid="plan-commands">
                {planCommands(plan)}
              </pre>
            ) : null}
            <ReasonField value={reason} onChange={setReason} disabled={phase === 'running'} />
          </>
        )}
        <ErrorAlert error={error} />
      </div>
    </Dialog>
  );
}
