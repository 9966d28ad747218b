import type { Finding, Severity } from '../../../shared/model/finding.ts';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most severe first; equal severities keep the order the checks produced them in. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
