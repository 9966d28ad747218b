import type { RunStatus } from '../../../shared/model/log-catalog.ts';
import { RUN_STATUSES } from '../../../shared/model/log-catalog.ts';

/**
 * The search box's syntax, as a sysadmin would guess it: words (all must appear on the line), "quoted phrases",
 * and the filters `vm:NAME` (runs of that VM, lines naming it), `host:ADDR`, `status:error`. The FTS index is trigram, so each word or phrase
 * matches as a substring of a line (`dc01` finds `didattica-dc01`); shorter than three characters cannot be
 * looked up and is reported back as ignored.
 */
export interface ParsedQuery {
  /** What each hit line must hold, in any case; empty when only filters were given. */
  terms: string[];
  vm: string | null;
  host: string | null;
  status: RunStatus | null;
  ignored: string[];
}

const MIN_TERM = 3;

function tokens(query: string): string[] {
  const out: string[] = [];
  const re = /(\w+:)?"([^"]*)"?|\S+/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) out.push(m[1] !== undefined || m[2] !== undefined ? `${m[1] ?? ''}\u0000${m[2] ?? ''}` : m[0]);
  return out;
}

export function parseQuery(query: string): ParsedQuery {
  const out: ParsedQuery = { terms: [], vm: null, host: null, status: null, ignored: [] };
  for (const token of tokens(query)) {
    const phrase = token.includes('\u0000');
    const [prefix, value] = phrase ? (token.split('\u0000') as [string, string]) : splitFilter(token);
    const key = prefix.toLowerCase();
    if (key === 'vm:') out.vm = value;
    else if (key === 'host:') out.host = value;
    else if (key === 'status:' && (RUN_STATUSES as readonly string[]).includes(value.toLowerCase())) out.status = value.toLowerCase() as RunStatus;
    else {
      const term = key === '' ? value : `${prefix}${value}`;
      if ([...term].length < MIN_TERM) {
        if (term !== '') out.ignored.push(term);
      } else out.terms.push(term);
    }
  }
  return out;
}

function splitFilter(token: string): [string, string] {
  const m = /^(vm:|host:|status:)(.*)$/i.exec(token);
  return m ? [m[1]!, m[2]!] : ['', token];
}
