import { parseCrontab, type CronLine } from '../ghettovcb/cron/parse.ts';
import type { Issue } from '../ghettovcb/issue.ts';

/**
 * The ghettoVCB runs a crontab schedules, read back from the command part of each entry: which script (a datastore
 * copy or the VIB's), started directly or through `sh`, with which flags, and where its output goes. The command
 * is tokenised the way sh splits words (quotes, backslashes, `$( … )` kept whole), which is enough for the lines
 * people and Custode write; anything after `;`, `&&` or `|` is another command and ends the invocation.
 */
export interface GhettoVcbInvocation {
  script: string;
  viaSh: boolean;
  all: boolean;
  vmList: string | null;
  vm: string | null;
  exclusionList: string | null;
  globalConf: string | null;
  /** `-l`: the log file ghettoVCB appends to (may hold `$(date …)`). */
  logFile: string | null;
  workdir: string | null;
  level: string | null;
  /** `> file` / `>> file` of the whole command: a capture of stdout, as the site's line does. */
  stdoutTarget: string | null;
}

export interface ScheduledRun {
  /** 1-based line in the crontab. */
  lineNumber: number;
  line: string;
  cron: CronLine;
  issues: Issue[];
  invocation: GhettoVcbInvocation;
}

interface Token {
  text: string;
  /** Operators (`>`, `>>`, `2>`, `;`, `&&`, `|`…) are not words. */
  op: boolean;
}

const OPERATOR = /^(?:\d?>>?(?:&\d)?|&>|<|;|&&|\|\||\||&)/;

export function tokenize(command: string): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  const flush = (): void => {
    if (word !== null) tokens.push({ text: word, op: false });
    word = null;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      flush();
      continue;
    }
    if (word === null || (c === '>' && /^\d$/.test(word))) {
      const start = word === null ? i : i - 1;
      const op = OPERATOR.exec(command.slice(start));
      if (op) {
        word = null;
        tokens.push({ text: op[0], op: true });
        i = start + op[0].length - 1;
        continue;
      }
    }
    if (word !== null && ';|&<>'.includes(c)) {
      // An operator ends the word it touches (`/dev/null;`); the next turn reads it as an operator.
      flush();
      i--;
      continue;
    }
    word ??= '';
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      for (i += 1; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '$`"\\'.includes(command[i + 1]!)) i += 1;
        word += command[i];
      }
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
    } else if (c === '$' && command[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < command.length; j++) {
        if (command[j] === '(') depth++;
        else if (command[j] === ')' && --depth === 0) break;
      }
      word += command.slice(i, j + 1);
      i = j;
    } else {
      word += c;
    }
  }
  flush();
  return tokens;
}

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'ash', 'bash', 'busybox']);
const VALUE_FLAGS: Record<string, keyof GhettoVcbInvocation> = {
  '-f': 'vmList',
  '-m': 'vm',
  '-e': 'exclusionList',
  '-g': 'globalConf',
  '-l': 'logFile',
  '-w': 'workdir',
  '-d': 'level',
};

export function readInvocation(shellCommand: string): GhettoVcbInvocation | null {
  const tokens = tokenize(shellCommand);
  const end = tokens.findIndex((t) => t.op && [';', '&&', '||', '|', '&'].includes(t.text));
  const own = end < 0 ? tokens : tokens.slice(0, end);
  const at = own.findIndex((t) => !t.op && /^ghettoVCB[^/]*\.sh$/i.test(base(t.text)));
  if (at < 0) return null;
  const before = own.slice(0, at);
  if (!before.every((t) => !t.op && (SHELLS.has(base(t.text)) || t.text === 'ash'))) return null;
  const inv: GhettoVcbInvocation = {
    script: own[at]!.text,
    viaSh: before.length > 0,
    all: false,
    vmList: null,
    vm: null,
    exclusionList: null,
    globalConf: null,
    logFile: null,
    workdir: null,
    level: null,
    stdoutTarget: null,
  };
  for (let i = at + 1; i < own.length; i++) {
    const t = own[i]!;
    if (t.op) {
      // `2>&1` names no file; every other redirection is followed by its target word.
      if (/&\d$/.test(t.text)) continue;
      const target = own[i + 1];
      if ((/^1?>>?$/.test(t.text) || t.text === '&>') && target && !target.op) inv.stdoutTarget = target.text;
      i++;
      continue;
    }
    if (t.text === '-a') inv.all = true;
    else if (VALUE_FLAGS[t.text] !== undefined && own[i + 1] && !own[i + 1]!.op) {
      (inv as unknown as Record<string, string>)[VALUE_FLAGS[t.text]!] = own[++i]!.text;
    }
  }
  return inv;
}

/** The crontab entries that run ghettoVCB, parsed; other entries (ESXi's own jobs) are left out. */
export function scheduledRuns(crontab: string): ScheduledRun[] {
  const out: ScheduledRun[] = [];
  for (const entry of parseCrontab(crontab)) {
    if (!entry.parsed.ok || !/ghettoVCB/i.test(entry.text)) continue;
    const invocation = readInvocation(entry.parsed.line.shellCommand);
    if (invocation === null) continue;
    out.push({ lineNumber: entry.line, line: entry.text, cron: entry.parsed.line, issues: entry.parsed.issues, invocation });
  }
  return out;
}

/** The folder a log path names and a test for the files a `$(date …)` in its name produces. */
export function logLocation(path: string): { dir: string; matches: (name: string) => boolean } | null {
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return null;
  const dir = path.slice(0, slash);
  if (/[$`*?]/.test(dir)) return null;
  const name = path.slice(slash + 1);
  const pattern = name
    .split(/\$\([^)]*\)|`[^`]*`|\$\{?\w+\}?/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  const re = new RegExp(`^${pattern}$`);
  return { dir, matches: (n) => re.test(n) };
}
