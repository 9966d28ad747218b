import { useTranslation } from 'react-i18next';
import type { PreflightReport, Verdict } from '../../../shared/model/backup.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

const TONE: Record<Verdict, BadgeTone> = { go: 'success', warn: 'warning', block: 'danger' };
const RANK: Record<Verdict, number> = { block: 0, warn: 1, go: 2 };

/** The pre-flight's findings, worst first: each with its verdict, the VM it is about, why, and what to do. */
export function PreflightChecks({ report }: { report: PreflightReport }) {
  const { t } = useTranslation();
  const checks = [...report.checks].sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  return (
    <ul className="preflight" data-testid="preflight" data-verdict={report.verdict}>
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
  );
}
