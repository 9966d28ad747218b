import { useTranslation } from 'react-i18next';
import type { SharedFinding } from '../../stores/fleet/slices/view/shared-findings.ts';
import { findingText } from './labels.ts';

const mark = { error: '!', warning: '!', info: 'i' } as const;

/** Every warning of the fleet once, with the machines it applies to (each a link to that machine's page). */
export function SharedFindings({ groups, onOpen }: { groups: readonly SharedFinding[]; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  if (groups.length === 0) return <p className="muted">{t('fleet.ui.warnings.none')}</p>;
  return (
    <ul className="findings shared-findings" data-testid="shared-findings">
      {groups.map((g, i) => (
        <li key={i} className={`finding finding-${g.finding.severity}`} data-code={g.finding.code} data-machines={g.machines.length}>
          <span className="finding-mark" aria-hidden="true">
            {mark[g.finding.severity]}
          </span>
          <span className="shared-finding-body">
            <span>{findingText(t, i18n, g.finding)}</span>
            {g.same ? null : <span className="small muted">{t('fleet.ui.warnings.varies', { name: g.machines[0]!.name })}</span>}
            <span className="small shared-finding-hosts">
              {t('fleet.ui.warnings.on', { count: g.machines.length })}{' '}
              {g.machines.map((m, j) => (
                <span key={m.id}>
                  {j > 0 ? ', ' : null}
                  <button type="button" className="link-button" onClick={() => onOpen(m.id)}>
                    {m.name}
                  </button>
                </span>
              ))}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
