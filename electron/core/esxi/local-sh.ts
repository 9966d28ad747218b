import { finding, type Finding } from '../../../shared/model/finding.ts';
import type { SecureBootState } from '../../../shared/model/host.ts';
import { ROOT_CRONTAB } from './host-files.ts';

/**
 * Does `/etc/rc.local.d/local.sh` put the ghettoVCB cron line back after a reboot (A4.3)? The crontab is rebuilt at
 * boot, so the usual recipe appends the line with `echo "…" >> /var/spool/cron/crontabs/root` (or printf, or a
 * here-document) and restarts crond (`kill $(cat /var/run/crond.pid)`, then `crond` / `busybox crond`), all before
 * the script's `exit 0`. The appended text is unquoted the way the shell would, so `\$(date +\\%s)` reads back as
 * the crontab's `$(date +\%s)`.
 */
export interface LocalShCronAppend {
  /** 1-based line of the command (of the here-document's first body line). */
  line: number;
  cronLine: string;
  method: 'echo' | 'printf' | 'heredoc';
  ghettoVcb: boolean;
  /** After the script's top-level `exit`: never runs. */
  afterExit: boolean;
}

export interface LocalShAnalysis {
  appends: LocalShCronAppend[];
  killsCrond: boolean;
  startsCrond: boolean;
  /** 1-based line of the first top-level `exit`, if any. */
  exitLine: number | null;
}

const APPEND_TARGET = new RegExp(`>>\\s*${ROOT_CRONTAB.replace(/\//g, '\\/')}\\s*$`);
const ECHO = /^\s*(?:\/bin\/|\/usr\/bin\/)?(echo|printf)\s+(.*?)\s*>>\s*\S+\s*$/;
const HEREDOC = /^\s*(?:\/bin\/)?cat\s+>>\s*\S+\s*<<(-?)\s*(['"]?)(\w+)\2\s*$|^\s*(?:\/bin\/)?cat\s+<<(-?)\s*(['"]?)(\w+)\5\s*>>\s*\S+\s*$/;

/** Shell words of an echo/printf argument list, with quotes removed and escapes applied as sh does. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
      continue;
    }
    word ??= '';
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? text.length : end;
    } else if (c === '"') {
      for (i += 1; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) i += 1;
        word += text[i];
      }
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
    } else {
      word += c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function unescapeHeredoc(line: string): string {
  return line.replace(/\\([$`\\])/g, '$1');
}

function echoText(method: 'echo' | 'printf', args: string): string {
  const words = shellWords(args);
  if (method === 'echo') {
    while (words.length > 1 && /^-[neE]+$/.test(words[0]!)) words.shift();
    return words.join(' ');
  }
  const format = words[0] ?? '';
  const rest = words.slice(1);
  return format
    .replace(/%s/g, () => rest.shift() ?? '')
    .replace(/%%/g, '%')
    .replace(/\\n$/, '')
    .replace(/\\\\/g, '\\');
}

export function analyseLocalSh(text: string): LocalShAnalysis {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const appends: LocalShCronAppend[] = [];
  let killsCrond = false;
  let startsCrond = false;
  let exitLine: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const afterExit = exitLine !== null;
    const heredoc = HEREDOC.exec(line);
    if (heredoc && line.includes(ROOT_CRONTAB)) {
      const quoted = (heredoc[2] ?? heredoc[5]) !== '';
      const stripTabs = (heredoc[1] ?? heredoc[4]) === '-';
      const delimiter = heredoc[3] ?? heredoc[6]!;
      for (i += 1; i < lines.length; i++) {
        const body = stripTabs ? lines[i]!.replace(/^\t+/, '') : lines[i]!;
        if (body === delimiter) break;
        if (body.trim() === '') continue;
        const cronLine = quoted ? body : unescapeHeredoc(body);
        appends.push({ line: i + 1, cronLine, method: 'heredoc', ghettoVcb: /ghettoVCB/i.test(cronLine), afterExit });
      }
      continue;
    }
    const echo = ECHO.exec(line);
    if (echo && APPEND_TARGET.test(line)) {
      const cronLine = echoText(echo[1] as 'echo' | 'printf', echo[2]!);
      appends.push({ line: i + 1, cronLine, method: echo[1] as 'echo' | 'printf', ghettoVcb: /ghettoVCB/i.test(cronLine), afterExit });
      continue;
    }
    if (/\bkill\b/.test(t) && /crond/.test(t)) killsCrond = killsCrond || !afterExit;
    else if (/(^|[\s/])crond(\s|$|;|&)/.test(t)) startsCrond = startsCrond || !afterExit;
    if (exitLine === null && /^exit\b/.test(line)) exitLine = i + 1;
  }
  return { appends, killsCrond, startsCrond, exitLine };
}

/** What the fleet view says about reboot persistence of the ghettoVCB schedule. */
export function localShFindings(analysis: LocalShAnalysis, secureBoot: SecureBootState): Finding[] {
  const out: Finding[] = [];
  const entries = analysis.appends.filter((a) => a.ghettoVcb);
  const live = entries.filter((a) => !a.afterExit);
  if (entries.length === 0) out.push(finding('esxi.localSh.noGhettoVcbEntry', 'warning'));
  for (const e of entries.filter((a) => a.afterExit)) out.push(finding('esxi.localSh.entryAfterExit', 'error', { line: e.line, exitLine: analysis.exitLine ?? 0 }));
  if (live.length > 0 && !(analysis.killsCrond && analysis.startsCrond)) out.push(finding('esxi.localSh.crondNotRestarted', 'warning'));
  for (const e of live) {
    if (/(^|[^\\])%/.test(e.cronLine)) out.push(finding('esxi.localSh.unescapedPercent', 'error', { line: e.line }));
  }
  if (live.length > 0 && secureBoot === 'enabled') out.push(finding('esxi.localSh.secureBootSkips', 'error'));
  return out;
}
