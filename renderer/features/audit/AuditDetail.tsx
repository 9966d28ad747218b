import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/ipc/audit.ts';
import type { SentCommand, StepRecord } from '../../../shared/model/operation.ts';
import { Badge } from '../../components/Badge.tsx';
import { OUTCOME_TONE } from '../operations/OperationResultView.tsx';

const commandsOf = (e: AuditEntry): SentCommand[] => {
  const data = e.data as { commands?: SentCommand[] } | null;
  return Array.isArray(data?.commands) ? data.commands : [];
};

/** One operation as the trail holds it: who, why, each entry with the commands sent, their exit status and output. */
export function AuditDetail({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const first = entries[0];
  if (!first) return null;
  return (
    <section className="card audit-detail" data-testid="audit-detail" aria-labelledby="audit-detail-title">
      <h2 id="audit-detail-title">{t(first.title.key, first.title.params)}</h2>
      <dl className="facts">
        <dt>{t('audit.ui.col.who')}</dt>
        <dd>
          {first.user}@{first.workstation}
        </dd>
        <dt>{t('audit.ui.col.target')}</dt>
        <dd>{first.target}</dd>
        <dt>{t('audit.ui.col.reason')}</dt>
        <dd data-testid="audit-detail-reason">{first.reason ?? <span className="muted">{t('audit.ui.noReason')}</span>}</dd>
      </dl>
      <ol className="audit-entries">
        {entries.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <div className="plan-step-head">
              <strong>{t(`audit.ui.entry.${e.kind}`, { n: ((e.data as StepRecord | null)?.index ?? 0) + 1 })}</strong>
              <span className="muted small">{new Date(e.at).toLocaleString()}</span>
              {e.outcome ? <Badge tone={OUTCOME_TONE[e.outcome] ?? 'neutral'}>{t(`operations.outcome.${e.outcome}`)}</Badge> : null}
            </div>
            {commandsOf(e).length > 0 ? (
              <ul className="sent-commands">
                {commandsOf(e).map((c, i) => (
                  <li key={i} data-testid="audit-command">
                    <span className="muted small">{t(`audit.ui.command.${c.phase}`)}</span> <code>{c.command}</code>{' '}
                    <span className="muted small">→ {c.exitCode === null ? (c.error?.code ?? t('operations.result.noExit')) : t('operations.result.exit', { code: c.exitCode })}</span>
                    {c.output ? <pre className="sent-output">{c.output}</pre> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="muted small mono">{t('audit.ui.hash', { seq: e.seq, hash: e.hash.slice(0, 16) })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
