import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../../shared/errors/app-error.ts';
import type { DrillEnded, DrillResult } from '../../../../shared/model/drill.ts';
import { Badge, type BadgeTone } from '../../../components/Badge.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useSettings } from '../../../stores/settings/store.ts';
import { rtoText } from './rto.ts';

export const RESULT_TONE: Record<DrillResult, BadgeTone> = { running: 'info', succeeded: 'success', failed: 'danger', cancelled: 'warning' };

/**
 * How a drill ended: the measured recovery time first (drill start → the VM running), the Tools time, the copy used,
 * its outcome (a failure's words from its code), and — set apart, with what to do — anything the teardown could not
 * remove.
 */
export function DrillResultView({ ended, error }: { ended: DrillEnded; error: ErrorData | null }) {
  const { t } = useTranslation();
  const r = ended.record;
  const lang = useSettings((s) => s.settings?.language ?? 'en');
  return (
    <div className="stack-sm drill-result" data-testid="drill-result" data-result={r.result} data-recovery-ms={r.recoveryMs ?? ''}>
      <p className="restore-ending-head">
        <Badge tone={RESULT_TONE[r.result]}>{t(`drill.result.${r.result}`)}</Badge> {t(`drills.ui.result.head.${r.result}`, { vm: r.vm, host: r.targetHost })}
      </p>
      <dl className="drill-figures">
        <div>
          <dt>{t('drills.ui.result.recovery')}</dt>
          <dd className="drill-figure" data-testid="drill-recovery">
            {rtoText(r.recoveryMs, lang)}
          </dd>
        </div>
        <div>
          <dt>{t('drills.ui.result.tools')}</dt>
          <dd className="drill-figure">{r.toolsMs === null && r.result === 'succeeded' ? <span className="muted small">{t('drills.ui.result.noTools')}</span> : rtoText(r.toolsMs, lang)}</dd>
        </div>
        <div>
          <dt>{t('drills.ui.result.copy')}</dt>
          <dd className="restore-path">{t('drills.ui.result.copyOf', { copy: r.copyFolder, host: r.sourceHost })}</dd>
        </div>
        <div>
          <dt>{t('drills.ui.result.where')}</dt>
          <dd className="restore-path">{`${r.targetHost} · [${r.datastore}] ${r.tempName}`}</dd>
        </div>
      </dl>
      {r.result === 'failed' ? <ErrorAlert error={error ?? (r.errorCode ? { code: r.errorCode, message: '' } : null)} /> : null}
      {ended.notRemoved.length > 0 ? (
        <div className="drill-left" role="alert" data-testid="drill-not-removed">
          <p className="restore-ending-head">{t('drills.ui.result.leftTitle', { host: r.targetHost })}</p>
          <ul className="restore-paths">
            {ended.notRemoved.map((p) => (
              <li key={p} className="restore-path">
                {p}
              </li>
            ))}
          </ul>
          <p>{t('drills.ui.result.leftWhat', { name: r.tempName })}</p>
        </div>
      ) : r.result !== 'running' ? (
        <p className="muted" data-testid="drill-removed">
          {t('drills.ui.result.removed', { name: r.tempName, host: r.targetHost })}
        </p>
      ) : null}
      {r.operationId ? (
        <a className="link" href={`#/audit/${encodeURIComponent(r.operationId)}`}>
          {t('drills.ui.result.audit')}
        </a>
      ) : null}
    </div>
  );
}
