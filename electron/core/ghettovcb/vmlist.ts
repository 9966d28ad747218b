import { AppError } from '../../../shared/errors/app-error.ts';
import { issue, type Issue } from './issue.ts';

/**
 * VM list (`-f`) and exclusion (`-e`) files. ghettoVCB trims `-f` names and skips `#`/empty lines, then finds
 * each VM with `grep -E "\"<name>\""` and each exclusion with `grep -E "^<name>$"` (reference 3.1, 9.2):
 * names are regular expressions to it, so some characters silently break the lookup.
 */
export type VmListKind = 'list' | 'exclusion';

export interface VmListEntry {
  name: string;
  line: number;
}

/** Characters that turn a name into a different extended regex (`.` only widens it, so it is a warning). */
const REGEX_BREAKERS = /[\\^$[\]|()*+?{}"]/g;

export function checkVmName(name: string, line?: number): Issue[] {
  const where = line === undefined ? {} : { line };
  const out: Issue[] = [];
  const breakers = [...new Set(name.match(REGEX_BREAKERS) ?? [])];
  if (breakers.length > 0) out.push(issue('error', 'ghettovcb.vmlist.regexCharacters', { name, chars: breakers.join(' ') }, where));
  if (name.includes('.')) out.push(issue('warning', 'ghettovcb.vmlist.dotInName', { name }, where));
  if (/\s{3,}/.test(name)) out.push(issue('error', 'ghettovcb.vmlist.tripleSpace', { name }, where));
  return out;
}

export function parseVmList(text: string, kind: VmListKind): { entries: VmListEntry[]; issues: Issue[] } {
  const entries: VmListEntry[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (body !== raw) issues.push(issue('error', 'ghettovcb.vmlist.crlf', {}, { line }));
    const name = body.trim();
    if (name === '' || name.startsWith('#')) return;
    if (kind === 'exclusion' && name !== body) issues.push(issue('warning', 'ghettovcb.vmlist.exclusionWhitespace', { name }, { line }));
    issues.push(...checkVmName(name, line));
    const first = seen.get(name);
    if (first !== undefined) issues.push(issue('warning', 'ghettovcb.vmlist.duplicate', { name, firstLine: first }, { line }));
    else seen.set(name, line);
    entries.push({ name, line });
  });
  return { entries, issues };
}

/** One name a line, LF endings (CRLF breaks matching). Names that cannot be a line are refused. */
export function formatVmList(names: readonly string[]): string {
  for (const name of names) {
    if (/[\r\n\0]/.test(name) || name.trim() !== name || name === '' || name.startsWith('#')) {
      throw new AppError('ghettovcb.vmListEntryInvalid', `Not a VM list entry: ${JSON.stringify(name)}`, { name });
    }
  }
  return names.map((n) => `${n}\n`).join('');
}
