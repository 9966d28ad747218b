import { useTranslation } from 'react-i18next';
import type { RunVm } from '../../../shared/ipc/logs.ts';

/** One VM's outcome in plain words: what happened, the log's own line, and what to do (shared ghettoVCB words). */
export function VmExplanation({ vm }: { vm: RunVm }) {
  const { t } = useTranslation();
  const base = `ghettovcb.outcome.${vm.outcome}`;
  return (
    <div className="vm-explanation" data-testid="vm-explanation">
      <h3>{vm.name}</h3>
      <p>{t(`${base}.explanation`)}</p>
      {vm.reason ? (
        <p>
          <span className="muted">{t('ghettovcb.explain.reason')}:</span> <code>{vm.reason}</code>
        </p>
      ) : null}
      {vm.diskErrors.map((d, i) => {
        const hintKey = `ghettovcb.disk.error.${d.code ?? ''}`;
        const hint = d.code === null ? null : t(hintKey);
        return (
          <p key={i} className="danger-text">
            {t('ghettovcb.explain.diskError', { disk: d.source ?? '?', error: d.error })}
            {hint && hint !== hintKey ? ` — ${hint}` : ''}
          </p>
        );
      })}
      {vm.warnings.map((w, i) => (
        <p key={`w${i}`} className="muted small">
          <code>{w}</code>
        </p>
      ))}
      {vm.outcome !== 'ok' ? (
        <p>
          <strong>{t('logs.ui.run.fix')}:</strong> {t(`${base}.fix`)}
        </p>
      ) : null}
    </div>
  );
}
