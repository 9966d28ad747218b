import { AppError } from '../../../../shared/errors/app-error.ts';
import { cmd, raw, sh, type ShellCommand, type ShellValue } from '../../shell/command.ts';
import { parseCronLine } from './parse.ts';

/**
 * Builds ghettoVCB invocations and the crontab lines that schedule them. Every value goes through the
 * shell module; the only raw fragment is our own `$(date +%s)` for a per-run log name.
 */
export interface CronSchedule {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
}

export function dailyAt(hour: number, minute: number): CronSchedule {
  return { minute: String(minute), hour: String(hour), dayOfMonth: '*', month: '*', dayOfWeek: '*' };
}

export interface GhettoVcbInvocation {
  script: string;
  /** `-a`, `-f <list>` or `-m <vm>`; never -f with -m (reference 3.1). */
  select: { all: true } | { vmList: string } | { vm: string };
  globalConf?: string;
  exclusionList?: string;
  perVmConfigDir?: string;
  /** `-l <file>`; a `{ dir }` gets `ghettoVCB-$(date +%s).log` in that folder (one file per run). */
  log?: { file: string } | { dir: string };
  workdir?: string;
  level?: 'info' | 'debug' | 'dryrun';
  job?: string;
  /** Run as `/bin/sh <script>`: ESXi 8 execInstalledOnly refuses datastore scripts otherwise. */
  viaSh?: boolean;
}

/** A per-run log file name in `dir`, expanded by the host's shell when the job starts. */
export function timestampedLog(dir: string): ShellCommand {
  return sh`${dir}/ghettoVCB-${raw('$(date +%s)')}.log`;
}

export function ghettoVcbCommand(inv: GhettoVcbInvocation): ShellCommand {
  const args: ShellValue[] = [];
  if ('all' in inv.select) args.push('-a');
  else if ('vmList' in inv.select) args.push('-f', inv.select.vmList);
  else args.push('-m', inv.select.vm);
  if (inv.exclusionList !== undefined) args.push('-e', inv.exclusionList);
  if (inv.perVmConfigDir !== undefined) args.push('-c', inv.perVmConfigDir);
  if (inv.globalConf !== undefined) args.push('-g', inv.globalConf);
  if (inv.log !== undefined) args.push('-l', 'file' in inv.log ? inv.log.file : timestampedLog(inv.log.dir));
  if (inv.workdir !== undefined) args.push('-w', inv.workdir);
  if (inv.level !== undefined) args.push('-d', inv.level);
  if (inv.job !== undefined) args.push('-j', inv.job);
  // ghettoVCB refuses more than 12 argument words (reference 3.1).
  if (args.length > 12) throw new AppError('ghettovcb.tooManyArguments', `ghettoVCB accepts at most 12 argument words, got ${args.length}`, { count: args.length });
  return inv.viaSh ? cmd('/bin/sh', inv.script, ...args) : cmd(inv.script, ...args);
}

/**
 * Every `%` of a command as `\%`, written where both readings of a crontab give the shell a plain `%`: crons that
 * turn `\%` into `%` themselves (Vixie, the lab) and busybox crond, which hands the line to `sh -c` as it is, so the
 * shell must drop the backslash. Outside quotes the shell does; inside single quotes it would not, so the quote is
 * closed around it (`'50'\%''`). Inside double quotes neither works: refused (the shell module never writes them).
 */
function escapePercents(text: string): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === null && c === '\\') {
      out += c + (text[++i] ?? '');
      continue;
    }
    if (c === '%') {
      if (quote === '"') throw new AppError('ghettovcb.cronPercentInDoubleQuotes', 'A % inside double quotes cannot be written in a crontab line');
      out += quote === "'" ? "'\\%'" : '\\%';
      continue;
    }
    if (quote === null && (c === "'" || c === '"')) quote = c;
    else if (quote === c && (c === "'" || text[i - 1] !== '\\')) quote = null;
    out += c;
  }
  return out;
}

/**
 * A crontab line: schedule, then the command with every `%` escaped (escapePercents). The result is parsed back,
 * so a schedule cron would reject never leaves this function.
 */
export function cronLine(schedule: CronSchedule, command: ShellCommand): string {
  if (/[\r\n]/.test(command.text)) throw new AppError('ghettovcb.cronCommandMultiline', 'A cron command must be a single line');
  const line = `${schedule.minute} ${schedule.hour} ${schedule.dayOfMonth} ${schedule.month} ${schedule.dayOfWeek} ${escapePercents(command.text)}`;
  const parsed = parseCronLine(line);
  if (!parsed.ok) throw new AppError('ghettovcb.cronInvalid', `Not a valid crontab line: ${line}`, { issues: parsed.issues });
  return line;
}

/**
 * The site's nightly job as product.md describes it: all VMs, one global conf, stdout redirected to a
 * per-run file on the host's backup share.
 */
export function siteBackupCronLine(opts: { hour: number; minute: number; script: string; globalConf: string; logDir: string }): string {
  const command = ghettoVcbCommand({ script: opts.script, select: { all: true }, globalConf: opts.globalConf });
  return cronLine(dailyAt(opts.hour, opts.minute), sh`${command} > ${timestampedLog(opts.logDir)}`);
}
