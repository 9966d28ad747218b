import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../../shared/model/backup.ts';
import type { OperationPlan } from '../../../shared/model/operation.ts';
import { planCommands } from '../../../shared/model/plan-commands.ts';
import type { RestorePlanView } from '../../../shared/model/restore.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { useSettings } from '../../stores/settings/store.ts';
import { bytes } from '../fleet/format.ts';
import { ReasonField } from '../operations/ReasonField.tsx';

const TONE: Record<Verdict, BadgeTone> = { go: 'success', warn: 'warning', block: 'danger' };
const RANK: Record<Verdict, number> = { block: 0, warn: 1, go: 2 };

/**
 * The restore as planned: every check, worst first, each with what was found, why and what to do; the disks; the
 * exact commands that will be sent; and the reason the trail keeps.
 */
export function ReviewStep({
  view,
  plan,
  reason,
  onReason,
  afterCommands,
}: {
  view: RestorePlanView;
  plan: OperationPlan | null;
  reason: string;
  onReason(r: string): void;
  /** What runs after the restore's commands (a drill's teardown), shown after them and before the reason. */
  afterCommands?: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  const checks = [...view.checks].sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  return (
    <div className="stack-sm" data-testid="restore-step-review" data-verdict={view.verdict}>
      <p className="restore-summary">
        {t('restore.ui.review.summary', { vm: view.vm, copy: view.copy.folder, source: view.sourceHost, host: view.targetHost, name: view.name, folder: view.targetFolder, format: view.format, method: t(`restore.ui.review.method.${view.method}`) })}
      </p>
      <h3 className="restore-heading">{t('restore.ui.review.checks', { verdict: t(`backup.verdict.${view.verdict}`) })}</h3>
      {view.verdict === 'block' ? (
        <p className="error-alert" role="alert" data-testid="restore-blocked">
          {t('restore.ui.review.blocked')}
        </p>
      ) : null}
      <ul className="preflight" data-testid="restore-checks">
        {checks.map((c, i) => (
          <li key={`${c.check}-${i}`} className={`preflight-row preflight-${c.verdict}`} data-testid="restore-check" data-check={c.check} data-verdict={c.verdict} data-code={c.code}>
            <Badge tone={TONE[c.verdict]}>{t(`backup.verdict.${c.verdict}`)}</Badge>
            <span className="preflight-name">{t(`restore.checkName.${c.check}`)}</span>
            <span className="preflight-text">{t(c.code, c.params)}</span>
          </li>
        ))}
      </ul>
      {view.disks.length > 0 ? (
        <>
          <h3 className="restore-heading">{t('restore.ui.review.disks')}</h3>
          <ul className="restore-disks">
            {view.disks.map((d) => (
              <li key={d.key} className="restore-path">
                {t('restore.ui.review.disk', { key: d.key, source: d.source, target: d.target, provisioned: bytes(lang, d.provisionedBytes), used: d.usedBytes === null ? t('restore.ui.review.usedUnknown') : bytes(lang, d.usedBytes) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {view.access !== null ? (
        <>
          <h3 className="restore-heading">{t('restore.ui.review.access', { nas: view.access.nas, datastore: view.access.datastore })}</h3>
          <pre className="plan-commands" data-testid="access-commands">
            {view.access.commands.join('\n')}
          </pre>
        </>
      ) : null}
      <h3 className="restore-heading">{t('restore.ui.review.commands')}</h3>
      {plan ? (
        <pre className="plan-commands" data-testid="plan-commands">
          {planCommands(plan)}
        </pre>
      ) : (
        <p className="muted">{t('restore.ui.review.noCommands')}</p>
      )}
      {afterCommands}
      <ReasonField value={reason} onChange={onReason} disabled={view.verdict === 'block'} />
    </div>
  );
}
