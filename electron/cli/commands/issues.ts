import type { Issue } from '../../core/ghettovcb/issue.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { words } from '../file-words.ts';
import { printable } from '../printable.ts';

/** `file:12: error: <words> [code]`, the shape compilers print, so editors can jump to the line; the code is for searching. */
export function formatIssue(issue: Issue, lang: Lang, source?: string): string {
  const file = source === undefined ? undefined : printable(source);
  const where = file === undefined ? '' : issue.line === undefined ? `${file}: ` : `${file}:${issue.line}: `;
  return `${where}${words(lang, `cli.severity.${issue.severity}`)}: ${words(lang, issue.code, issue.params)} [${issue.code}]`;
}

/** Issues with their words, for JSON: values stay raw (JSON escapes control characters itself). */
export function withText(issues: readonly Issue[], lang: Lang): Array<Issue & { text: string }> {
  return issues.map((i) => ({ ...i, text: words(lang, i.code, i.params) }));
}
