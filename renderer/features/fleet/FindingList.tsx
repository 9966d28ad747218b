import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/model/finding.ts';
import { findingText } from './labels.ts';

const mark = { error: '!', warning: '!', info: 'i' } as const;

/** Findings in their own words (each text says what is wrong and what to do), most severe first. */
export function FindingList({ findings, testId, title }: { findings: Finding[]; testId?: string; title?: string }) {
  const { t, i18n } = useTranslation();
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const list = (
    <ul className="findings" data-testid={testId}>
      {sorted.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`} data-code={f.code}>
          <span className="finding-mark" aria-hidden="true">
            {mark[f.severity]}
          </span>
          <span>{findingText(t, i18n, f)}</span>
        </li>
      ))}
    </ul>
  );
  if (title === undefined) return list;
  return findings.length === 0 ? null : (
    <div className="host-findings">
      <h3>{title}</h3>
      {list}
    </div>
  );
}
