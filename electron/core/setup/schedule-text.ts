import { analyseLocalSh } from '../esxi/local-sh.ts';
import { cronLine, dailyAt, ghettoVcbCommand } from '../ghettovcb/cron/generate.ts';
import { scheduledRuns } from '../fleet/cron-invocation.ts';
import { cmd, raw, sh, type ShellCommand } from '../shell/command.ts';
import { dowText, type WeekDay } from '../../../shared/model/week-days.ts';
import type { ClockTime } from './request.ts';

/**
 * The texts a schedule lives in: the host's crontab line, the block of local.sh that puts it back after a reboot
 * (A4.3), the authorized_keys line that lets the NAS start the run and nothing else, and the NAS cron job's ssh.
 */

/**
 * One run: every VM but those of the exclusion file (when given), the global conf, through /bin/sh
 * (execInstalledOnly), a new `-l` log on the share per run.
 */
export function ghettoVcbRun(script: string, conf: string, volumePath: string, exclusionList: string | null = null): ShellCommand {
  return ghettoVcbCommand({ script, select: { all: true }, ...(exclusionList === null ? {} : { exclusionList }), globalConf: conf, log: { dir: volumePath }, viaSh: true });
}

/** The crontab line, on those days; output goes nowhere (the run writes its own log), as the README asks of a cron job. */
export function hostCronLine(time: ClockTime, days: readonly WeekDay[], run: ShellCommand): string {
  return cronLine({ ...dailyAt(time.hour, time.minute), dayOfWeek: dowText(days) }, sh`${run} ${raw('> /dev/null 2>&1')}`);
}

const normal = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** The crontab without its ghettoVCB lines, plus `line` when given: one schedule, never two runs a night. */
export function crontabWith(crontab: string, line: string | null): string {
  const drop = new Set(scheduledRuns(crontab).map((r) => r.lineNumber));
  const kept = normal(crontab).split('\n').slice(0, -1).filter((_, i) => !drop.has(i + 1));
  return [...kept, ...(line === null ? [] : [line])].join('\n') + '\n';
}

export const BLOCK_BEGIN = '# Custode: ghettoVCB schedule, put back after each boot (begin)';
export const BLOCK_END = '# Custode: ghettoVCB schedule (end)';

/** The lines local.sh runs at boot: the crontab line re-added, crond restarted to read it. */
function block(line: string): string[] {
  return [
    BLOCK_BEGIN,
    sh`/bin/kill ${raw('$(cat /var/run/crond.pid)')} ${raw('> /dev/null 2>&1')}`.text,
    sh`${cmd('/bin/echo', line)} ${raw('>> /var/spool/cron/crontabs/root')}`.text,
    '/usr/lib/vmware/busybox/bin/busybox crond',
    BLOCK_END,
  ];
}

/**
 * local.sh without Custode's block and without other lines that append a ghettoVCB line to the crontab, plus the
 * block for `line` (when given) before the script's `exit`. Everything else stays as it was.
 */
export function localShWith(text: string, line: string | null): string {
  const analysis = analyseLocalSh(text);
  const appends = new Set(analysis.appends.filter((a) => a.ghettoVcb && a.method !== 'heredoc').map((a) => a.line));
  const lines = normal(text).split('\n').slice(0, -1);
  const out: string[] = [];
  let inBlock = false;
  let afterBlock = false;
  let exitAt: number | null = null;
  lines.forEach((l, i) => {
    if (l === BLOCK_BEGIN) inBlock = true;
    // The blank line the block is written with goes with it.
    const skip = inBlock || appends.has(i + 1) || (afterBlock && l === '');
    afterBlock = l === BLOCK_END;
    if (l === BLOCK_END) inBlock = false;
    if (skip) return;
    if (exitAt === null && /^exit\b/.test(l)) exitAt = out.length;
    out.push(l);
  });
  if (line !== null) out.splice(exitAt ?? out.length, 0, ...block(line), '');
  return out.join('\n') + '\n';
}

/** Whether local.sh puts exactly this line back at boot (Custode's block or another append of it). */
export function localShRestores(text: string | null, line: string): boolean {
  if (text === null) return false;
  const live = analyseLocalSh(text).appends.filter((a) => a.ghettoVcb && !a.afterExit);
  return live.length === 1 && live[0]!.cronLine === line && analyseLocalSh(text).startsCrond;
}

/** `command="…"` of authorized_keys: sshd runs it whatever the client asks; `"` and `\` escaped as sshd reads them. */
export function forcedKeyLine(run: ShellCommand, publicKey: string): string {
  const command = run.text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `command="${command}",no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-pty ${publicKey.trim()}`;
}

/** authorized_keys with the lines of this key comment replaced by `line` (or removed when null). */
export function authorizedKeysWith(text: string, comment: string, line: string | null): string {
  const kept = normal(text).split('\n').slice(0, -1).filter((l) => !l.endsWith(` ${comment}`));
  return [...kept, ...(line === null ? [] : [line])].join('\n') + (kept.length > 0 || line !== null ? '\n' : '');
}

/** What the NAS's cron job runs: ssh with the dedicated key, the host's pinned key only, no prompt ever. */
export function nasSshCommand(o: { key: string; knownHosts: string; address: string; port: number }): ShellCommand {
  return cmd('ssh', '-i', o.key, '-p', o.port, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${o.knownHosts}`, `root@${o.address}`, 'ghettovcb');
}

/** A known_hosts line for the host as the NAS reaches it (`[addr]:port` unless port 22). */
export function knownHostsLine(address: string, port: number, keyType: string, publicKey: string): string {
  return `${port === 22 ? address : `[${address}]:${port}`} ${keyType} ${publicKey}\n`;
}
