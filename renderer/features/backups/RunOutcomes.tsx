import { useTranslation } from 'react-i18next';
import type { RunVmOutcome } from '../../../shared/model/backup.ts';
import { Badge } from '../../components/Badge.tsx';
import { duration } from '../logs/labels.ts';
import { knownOutcome, vmOutcomeTone } from './outcome.ts';

/** How each VM of an ended run went: the outcome, the log's own reason, and what to do when it was not a clean copy. */
export function RunOutcomes({ outcomes }: { outcomes: RunVmOutcome[] }) {
  const { t } = useTranslation();
  return (
    <ul className="backup-vm-outcomes">
      {outcomes.map((o) => {
        // A cancelled VM's reason is its partial copy folder (electron/core/backup/cancel.ts), left in place and marked.
        const cancelled = o.outcome === 'cancelled';
        const base = cancelled ? 'ghettovcb.outcome.cancelled' : `ghettovcb.outcome.${knownOutcome(o.outcome)}`;
        return (
          <li key={o.vm} className="backup-vm-outcome" data-testid="vm-outcome" data-vm={o.vm} data-outcome={o.outcome}>
            <div className="backup-vm-outcome-head">
              <strong>{o.vm}</strong>
              <Badge tone={vmOutcomeTone(o.outcome)}>{t(`${base}.label`)}</Badge>
              {o.durationSeconds !== null ? <span className="muted small">{duration(o.durationSeconds)}</span> : null}
            </div>
            {cancelled ? (
              <p className="small" data-testid="vm-partial">
                <span className="muted">{t('backups.ui2.partialFolder')}</span> <code>{o.reason}</code>
              </p>
            ) : o.outcome !== 'ok' ? (
              <>
                <p>{t(`${base}.explanation`)}</p>
                {o.why ? <p data-testid="vm-why">{t(o.why.code, o.why.params)}</p> : null}
                {o.reason ? (
                  <p className="small">
                    <span className="muted">{t('ghettovcb.explain.reason')}:</span> <code>{o.reason}</code>
                  </p>
                ) : null}
                <p data-testid="vm-fix">
                  <strong>{t('logs.ui.run.fix')}:</strong> {t(`${base}.fix`)}
                </p>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
