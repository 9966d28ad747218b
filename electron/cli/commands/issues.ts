import type { Issue } from '../../core/ghettovcb/issue.ts';
import { text, type Lang } from '../../core/ghettovcb/text.ts';

/** `file:12: error: <words> [code]`, the shape compilers print, so editors can jump to the line. */
export function formatIssue(issue: Issue, lang: Lang, source?: string): string {
  const where = source === undefined ? '' : issue.line === undefined ? `${source}: ` : `${source}:${issue.line}: `;
  return `${where}${issue.severity}: ${text(lang, issue.code, issue.params)} [${issue.code}]`;
}

export function withText(issues: readonly Issue[], lang: Lang): Array<Issue & { text: string }> {
  return issues.map((i) => ({ ...i, text: text(lang, i.code, i.params) }));
}
