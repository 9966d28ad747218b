import { issue, type Issue } from '../issue.ts';

/**
 * One line of ESXi's root crontab (busybox crond, 5 fields + command; reference esxi-truenas A4).
 * `%` must be written `\%`: an unescaped one ends the command for cron. Day-of-month and day-of-week both
 * restricted means either one matches (busybox and Vixie cron agree).
 */
export interface CronField {
  text: string;
  /** Every value the field allows, ascending (day of week 0–6, Sunday = 0; month 1–12). */
  values: number[];
  /** Every value allowed (a star, a step of 1, the full range): the field does not restrict. */
  any: boolean;
}

export interface CronLine {
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  /** As written in the crontab (with `\%`). */
  command: string;
  /** What the shell receives (`\%` → `%`). */
  shellCommand: string;
}

export type CronParse = { ok: true; line: CronLine; issues: Issue[] } | { ok: false; issues: Issue[] };

const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: [] as string[] },
  { name: 'hour', min: 0, max: 23, names: [] as string[] },
  { name: 'dayOfMonth', min: 1, max: 31, names: [] as string[] },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'dayOfWeek', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const P = 'ghettovcb.cron.';
/** Days in each month at most (29 for February, in leap years). */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseNumber(text: string, spec: (typeof FIELDS)[number]): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const index = (spec.names as readonly string[]).indexOf(text.toLowerCase());
  if (index < 0) return null;
  return spec.name === 'month' ? index + 1 : index;
}

function parseField(text: string, spec: (typeof FIELDS)[number]): CronField | null {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) return null;
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) return null;
    let lo: number | null;
    let hi: number | null;
    if (range === '*') {
      lo = spec.min;
      hi = spec.name === 'dayOfWeek' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      lo = parseNumber(a, spec);
      hi = parseNumber(b, spec);
    } else {
      lo = parseNumber(range, spec);
      hi = stepText === undefined ? lo : spec.max;
    }
    if (lo === null || hi === null || lo < spec.min || hi > spec.max || lo > hi) return null;
    for (let v = lo; v <= hi; v += step) values.add(spec.name === 'dayOfWeek' && v === 7 ? 0 : v);
  }
  const span = (spec.name === 'dayOfWeek' ? 6 : spec.max) - spec.min + 1;
  return { text, values: [...values].sort((a, b) => a - b), any: values.size === span };
}

function fieldIssue(spec: (typeof FIELDS)[number], text: string): Issue {
  return issue('error', `${P}badField`, { field: spec.name, text, min: spec.min, max: spec.max });
}

/** Parses a crontab entry; `issues` carries both refusals (`ok: false`) and warnings. */
export function parseCronLine(text: string): CronParse {
  const body = text.trim();
  if (body.startsWith('@')) return { ok: false, issues: [issue('error', `${P}specialUnsupported`, { text: body.split(/\s/)[0] ?? body })] };
  if (body === '') return { ok: false, issues: [issue('error', `${P}empty`)] };
  if (/[\r\n]/.test(body)) return { ok: false, issues: [issue('error', `${P}multiline`)] };
  const parts = body.split(/[ \t]+/);
  if (parts.length < 6) return { ok: false, issues: [issue('error', `${P}fieldCount`, { count: parts.length })] };
  const fields: CronField[] = [];
  const issues: Issue[] = [];
  FIELDS.forEach((spec, i) => {
    const field = parseField(parts[i] ?? '', spec);
    if (field) fields.push(field);
    else issues.push(fieldIssue(spec, parts[i] ?? ''));
  });
  if (issues.length > 0) return { ok: false, issues };
  let rest = body;
  for (let i = 0; i < 5; i++) rest = rest.replace(/^[^ \t]+[ \t]+/, '');
  const command = rest;
  if (/(^|[^\\])%/.test(command)) issues.push(issue('error', `${P}unescapedPercent`));
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [CronField, CronField, CronField, CronField, CronField];
  if (minute.any) issues.push(issue('warning', `${P}everyMinute`));
  if (!dayOfMonth.any && !dayOfWeek.any) issues.push(issue('warning', `${P}dayOfMonthOrWeek`));
  if (dayOfWeek.any && !month.values.some((m) => dayOfMonth.values.some((d) => d <= LONGEST_MONTH[m - 1]!))) issues.push(issue('error', `${P}neverFires`));
  if (!/(^|[^2&])>/.test(command)) issues.push(issue('warning', `${P}noRedirect`));
  if (/ghettoVCB\.sh/.test(command) && !/\s-l\s/.test(command)) issues.push(issue('warning', `${P}noLogFlag`));
  return { ok: true, line: { minute, hour, dayOfMonth, month, dayOfWeek, command, shellCommand: command.replace(/\\%/g, '%') }, issues };
}

/** The entries of a whole crontab file, with their 1-based line numbers; comments and blanks skipped. */
export function parseCrontab(text: string): Array<{ line: number; text: string; parsed: CronParse }> {
  return text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, text: raw.replace(/\r$/, '') }))
    .filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'))
    .map((l) => ({ ...l, parsed: parseCronLine(l.text) }));
}
