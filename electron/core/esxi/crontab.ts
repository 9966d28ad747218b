/**
 * The root crontab split into lines. What a cron line means (schedule, ghettoVCB arguments) is read by
 * electron/core/ghettovcb/cron; here a line is only a comment, a blank, an environment assignment or an entry,
 * kept verbatim with its 1-based number.
 */
export interface CrontabLine {
  line: number;
  text: string;
  kind: 'entry' | 'comment' | 'blank' | 'env';
}

export function splitCrontab(text: string): CrontabLine[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((raw, i) => {
    const t = raw.replace(/\r$/, '');
    const trimmed = t.trim();
    const kind: CrontabLine['kind'] =
      trimmed === '' ? 'blank' : trimmed.startsWith('#') ? 'comment' : /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(trimmed) ? 'env' : 'entry';
    return { line: i + 1, text: t, kind };
  });
}

export const crontabEntries = (lines: readonly CrontabLine[]): CrontabLine[] => lines.filter((l) => l.kind === 'entry');
