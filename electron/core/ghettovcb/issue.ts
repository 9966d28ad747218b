/**
 * A finding of a ghettoVCB check (conf, VM list, cron line, restore plan) as data. `code` is the i18n key
 * of its text in shared/i18n/ghettovcb.ts, filled with `params`; `line` is 1-based in the checked text.
 */
export interface Issue {
  severity: 'error' | 'warning';
  code: string;
  key?: string;
  line?: number;
  params: Record<string, string | number>;
}

export function issue(severity: Issue['severity'], code: string, params: Issue['params'] = {}, where: { key?: string; line?: number } = {}): Issue {
  return { severity, code, ...(where.key !== undefined ? { key: where.key } : {}), ...(where.line !== undefined ? { line: where.line } : {}), params };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
