import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightReport, Verdict } from '../../../shared/model/backup.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';

const TONE: Record<Verdict, BadgeTone> = { go: 'success', warn: 'warning', block: 'danger' };
const RANK: Record<Verdict, number> = { block: 0, warn: 1, go: 2 };

/**
 * The pre-flight's findings, worst first: each with its verdict, the VM it is about, why, and what to do. The checks
 * that passed are one click away, so what needs the user's eye is not buried under them.
 */
export function PreflightChecks({ report }: { report: PreflightReport }) {
  const { t } = useTranslation();
  const [showPassed, setShowPassed] = useState(false);
  const sorted = [...report.checks].sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  const passed = sorted.filter((c) => c.verdict === 'go').length;
  const checks = showPassed ? sorted : sorted.filter((c) => c.verdict !== 'go');
  return (
    <>
      {checks.length === 0 ? <p>{t('backups.ui.dialog.allPassed', { count: passed })}</p> : null}
      <ul className="preflight" data-testid="preflight" data-verdict={report.verdict} hidden={checks.length === 0}>
        {checks.map((c, i) => (
          <li key={`${c.check}-${c.vm ?? ''}-${i}`} className={`preflight-row preflight-${c.verdict}`} data-testid="preflight-check" data-check={c.check} data-verdict={c.verdict} data-vm={c.vm ?? ''}>
            <Badge tone={TONE[c.verdict]}>{t(`backup.verdict.${c.verdict}`)}</Badge>
            <span className="preflight-name">
              {t(`backup.checkName.${c.check}`)}
              {c.vm !== null ? <span className="muted preflight-vm">{c.vm}</span> : null}
            </span>
            <span className="preflight-text">{t(c.code, c.params)}</span>
          </li>
        ))}
      </ul>
      {passed > 0 ? (
        <Button variant="ghost" className="preflight-toggle" aria-expanded={showPassed} onClick={() => setShowPassed(!showPassed)}>
          {t(showPassed ? 'backups.ui.dialog.hidePassed' : 'backups.ui.dialog.showPassed', { count: passed })}
        </Button>
      ) : null}
    </>
  );
}
