import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/model/finding.ts';
import { Badge } from '../../components/Badge.tsx';
import { findingLabel, findingText, severityTone } from './labels.ts';

/** A row's findings as short badges; hovering shows their full texts, and the group is one button that opens them in the row below. */
export function FindingBadges({ findings, expanded, controls, fallback, onToggle }: {
  findings: Finding[];
  expanded: boolean;
  controls: string;
  fallback: 'fleet.ui.blocker' | 'fleet.ui.severity';
  onToggle(): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className="blockers"
      aria-expanded={expanded}
      aria-controls={controls}
      title={findings.map((f) => findingText(t, i18n, f)).join('\n\n')}
      onClick={onToggle}
    >
      <span className="blockers-list">
        {findings.map((f, i) => (
          <span key={`${f.code}-${i}`} data-blocker={f.code} data-severity={f.severity}>
            <Badge tone={severityTone[f.severity]}>{findingLabel(t, i18n, f, fallback)}</Badge>
          </span>
        ))}
      </span>
      <span className="blockers-toggle" aria-hidden="true">
        {expanded ? '▴' : '▾'}
      </span>
      <span className="visually-hidden">{expanded ? t('fleet.ui.details.hide') : t('fleet.ui.details.show')}</span>
    </button>
  );
}
