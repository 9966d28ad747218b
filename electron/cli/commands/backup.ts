import { join } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import { startedByCustode, type BackupRun, type PreflightReport } from '../../../shared/model/backup.ts';
import { AlertSettings } from '../../core/backup/alert-settings.ts';
import { BackupHistory } from '../../core/backup/backup-history.ts';
import { BackupService, type PlannedRun } from '../../core/backup/backup-service.ts';
import { hostBlocks } from '../../../shared/model/backup.ts';
import type { CancelResult } from '../../core/backup/cancel.ts';
import { HistoryStore } from '../../core/backup/history-store.ts';
import { RunStore } from '../../core/backup/run-store.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { parsePick } from '../../core/backup/consolidate.ts';
import { parseArgs } from '../args.ts';
import { words } from '../fleet-words.ts';
import { localTime } from '../local-time.ts';
import { printable } from '../printable.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { planText } from '../plan-cli.ts';
import { loginOptions, open, PASSWORD_STDIN, type LoginOptions } from './fleet.ts';
import { alertLines, historyLines, verifyLines } from '../backup-history-text.ts';
import { livePrinter } from '../backup-live.ts';
import { cliLang } from './lang.ts';

/**
 * `custode backup …`: backups of the ESXi hosts added with `fleet add-host`, through the ghettoVCB on each host.
 * Logins come from a key or the agent (the CLI never prompts). `check` exits 0 when nothing about the whole host
 * blocks, 1 when something does (or the host could not be checked); `run` and `attach` exit with ghettoVCB's own
 * exit code once the run ended (0 with `--detach`, or when `run` only printed its plan); 2 is bad usage.
 */
const USAGE = {
  check: 'custode backup check <host> [--vm NAME]… [--password-stdin] [--json] [--lang it|en]',
  run: 'custode backup run <host> [--vm NAME]… [--dry-run] [--consolidate VM:SNAPID --confirm VM:SNAPID]… --reason "…" --yes [--detach] [--password-stdin] [--json] [--lang it|en]',
  attach: 'custode backup attach <host> [--password-stdin] [--json] [--lang it|en]',
  cancel: 'custode backup cancel <host> --reason "…" --yes [--password-stdin] [--json] [--lang it|en]',
  list: 'custode backup list [--host H] [--json] [--lang it|en]',
  verify: 'custode backup verify <host> [--password-stdin] [--json] [--lang it|en]',
  alerts: 'custode backup alerts [--grace MINUTES] [--json] [--lang it|en]',
};

/** The fleet session of the CLI (its operations path and audit trail are the app's) with the runs table besides. */
function backupSession(io: CliIo, login: Partial<LoginOptions> = {}) {
  const session = open(io, login);
  const copiesDir = join(defaultDataDir(io.env as NodeJS.ProcessEnv), 'backup-runs');
  const runs = new RunStore(session.db);
  const history = new BackupHistory({ fleet: session.fleet, ssh: session.ssh, runs, history: new HistoryStore(session.db, runs), settings: new AlertSettings(session.db), copiesDir });
  const backup = new BackupService({ fleet: session.fleet, ssh: session.ssh, operations: session.operations, runs, copiesDir, afterEnd: (run, signal) => history.afterRun(run, signal) });
  return { backup, history, close: () => session.close() };
}

const signal = () => new AbortController().signal;

function formatReport(r: PreflightReport, lang: Lang): string {
  const vms = r.allVms ? words(lang, 'cli.backup.allVms', { count: r.vms.length }) : r.vms.join(', ');
  const out = [words(lang, 'cli.backup.report', { host: r.host, vms, verdict: words(lang, `backup.verdict.${r.verdict}`) })];
  if (r.setup) out.push(`  ${words(lang, 'cli.backup.setup', { script: r.setup.script, conf: r.setup.conf ?? words(lang, 'cli.backup.noConf'), volume: r.setup.volume ?? '?' })}`);
  for (const c of r.checks) {
    const where = c.vm === null ? '' : ` (${c.vm})`;
    out.push(`  [${words(lang, `backup.verdict.${c.verdict}`)}] ${words(lang, `backup.checkName.${c.check}`)}${printable(where)}: ${words(lang, c.code, c.params)}`);
  }
  if (hostBlocks(r).length > 0) out.push(words(lang, 'cli.backup.hostBlocks'));
  else if (r.verdict === 'block') out.push(words(lang, 'cli.backup.vmBlocks'));
  return out.join('\n');
}

function formatEnd(run: BackupRun, lang: Lang, env: CliIo['env']): string {
  const out = [
    words(lang, run.state === 'lost' ? 'cli.backup.lost' : run.state === 'notStarted' ? 'cli.backup.notStarted' : run.state === 'cancelled' ? 'cli.backup.cancelled' : 'cli.backup.ended', {
      host: run.hostName,
      when: localTime(run.startedAt, lang, env),
      status: run.finalStatus ?? words(lang, 'cli.word.unknown'),
      code: run.exitCode ?? '?',
    }),
  ];
  for (const o of run.outcomes) {
    out.push(`  ${printable(o.vm)}: ${words(lang, `ghettovcb.outcome.${o.outcome}.label`)}${o.reason ? ` — ${printable(o.reason)}` : ''}`);
    if (o.why) out.push(`    ${words(lang, o.why.code, o.why.params)}`);
  }
  out.push(`  ${words(lang, 'cli.backup.logAt', { log: run.logPath })}`);
  return out.join('\n');
}

/** The run going on; when the host does not answer, what Custode recorded tells the rest. */
async function runningOrUnknown(backup: BackupService, hostId: string): Promise<BackupRun | null> {
  try {
    return await backup.findRunning(hostId, { signal: signal() });
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('ssh.')) return null;
    throw error;
  }
}

async function followAndReport(session: { backup: BackupService; history: BackupHistory }, run: BackupRun, io: CliIo, lang: Lang, json: boolean): Promise<number> {
  await session.backup.follow(run.id, { signal: signal(), ...(json ? {} : { onRunLive: livePrinter(io, lang) }) });
  const ended = session.history.run(run.id);
  const verify = ended.verify === null ? [] : verifyLines(ended.verify, lang);
  io.out(json ? `${JSON.stringify(ended, null, 2)}\n` : `${[formatEnd(ended, lang, io.env), ...verify].join('\n')}\n`);
  return ended.exitCode ?? 1;
}

function formatCancel(r: CancelResult, lang: Lang): string {
  const out = [words(lang, 'cli.backup.cancel.done', { host: r.host, pid: r.pid })];
  for (const s of r.removedSnapshots) out.push(words(lang, 'cli.backup.cancel.snapshot', { name: s.name, vm: s.vm }));
  if (r.removedSnapshots.length === 0) out.push(words(lang, 'cli.backup.cancel.noSnapshot'));
  for (const f of r.partialFolders) out.push(words(lang, 'cli.backup.cancel.partial', { vm: f.vm, folder: f.path }));
  if (r.partialFolders.length === 0) out.push(words(lang, 'cli.backup.cancel.noPartial'));
  return out.join('\n');
}

export const backupCommands: CommandGroup = {
  async check(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', PASSWORD_STDIN], values: ['--lang'], repeated: ['--vm'] });
    const vms = args.lists.get('--vm')!;
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE.check });
    const { backup, close } = backupSession(io, await loginOptions(args, io, ['backup', 'check', ...argv]));
    try {
      const report = await backup.check(backup.findHost(target), vms, { signal: signal() });
      io.out(args.flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, lang)}\n`);
      return hostBlocks(report).length > 0 ? 1 : 0;
    } finally {
      close();
    }
  },

  async run(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', '--yes', '--dry-run', '--detach', PASSWORD_STDIN], values: ['--lang', '--reason'], repeated: ['--vm', '--consolidate', '--confirm'] });
    const vms = args.lists.get('--vm')!;
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE.run });
    const consolidate = args.lists.get('--consolidate')!.map((text) => {
      const pick = parsePick(text);
      if (pick === null) throw UsageError.of('cli.error.consolidatePick', { value: text });
      return pick;
    });
    const reason = args.flags.get('--reason');
    const yes = args.flags.has('--yes');
    const json = args.flags.has('--json');
    // A run needs its reason before anything is read or sent.
    if (yes && (typeof reason !== 'string' || reason.trim() === '')) throw UsageError.of('cli.error.backupReasonRequired');
    const session = backupSession(io, await loginOptions(args, io, ['backup', 'run', ...argv]));
    const { backup, close } = session;
    try {
      const planned: PlannedRun = await backup.planRun(backup.findHost(target), { vms: [...new Set(vms)], dryRun: args.flags.has('--dry-run'), consolidate }, { signal: signal() });
      if (!yes) {
        io.out(json ? `${JSON.stringify({ plan: planned.plan, preflight: planned.preflight }, null, 2)}\n` : `${formatReport(planned.preflight, lang)}\n\n${planText(planned.plan, lang)}${words(lang, 'cli.plan.notRun')}\n`);
        return 0;
      }
      if (!json) io.out(planText(planned.plan, lang));
      const run = await backup.start(planned, reason as string, { signal: signal() }, args.lists.get('--confirm')!);
      if (args.flags.has('--detach')) {
        io.out(json ? `${JSON.stringify(run, null, 2)}\n` : `${words(lang, 'cli.backup.detached', { host: run.hostName, pid: run.pid ?? '?', log: run.logPath, id: run.id })}\n`);
        return 0;
      }
      if (!json) io.out(`${words(lang, 'cli.backup.started', { host: run.hostName, pid: run.pid ?? '?', log: run.logPath })}\n`);
      return await followAndReport(session, run, io, lang, json);
    } finally {
      close();
    }
  },

  async attach(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', PASSWORD_STDIN], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE.attach });
    const session = backupSession(io, await loginOptions(args, io, ['backup', 'attach', ...argv]));
    const { backup, close } = session;
    try {
      const hostId = backup.findHost(target);
      const run = (await runningOrUnknown(backup, hostId)) ?? backup.latestRun(hostId);
      if (run === null) {
        io.err(`custode: ${words(lang, 'cli.backup.noRun', { host: target })}\n`);
        return 1;
      }
      if (run.state === 'running' || run.state === 'starting') {
        if (!args.flags.has('--json')) {
          const found = startedByCustode(run) ? null : run.reason === '' ? 'backup.live.foundNoLine' : 'backup.live.found';
          if (found !== null && run.logOffset === 0) io.out(`${words(lang, found, { host: run.hostName, pid: run.pid ?? '?', line: run.reason, log: run.logPath })}\n`);
          else io.out(`${words(lang, 'cli.backup.attached', { host: run.hostName, log: run.logPath, offset: run.logOffset })}\n`);
        }
        return await followAndReport(session, run, io, lang, args.flags.has('--json'));
      }
      io.out(args.flags.has('--json') ? `${JSON.stringify(run, null, 2)}\n` : `${formatEnd(run, lang, io.env)}\n`);
      return run.exitCode ?? 1;
    } finally {
      close();
    }
  },

  async cancel(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', '--yes', PASSWORD_STDIN], values: ['--lang', '--reason'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE.cancel });
    const reason = args.flags.get('--reason');
    const yes = args.flags.has('--yes');
    const json = args.flags.has('--json');
    // The reason is asked for before anything is read or sent.
    if (yes && (typeof reason !== 'string' || reason.trim() === '')) {
      io.err(`custode: ${words(lang, 'cli.backup.cancel.reasonRequired')}\n`);
      return 2;
    }
    const { backup, close } = backupSession(io, await loginOptions(args, io, ['backup', 'cancel', ...argv]));
    try {
      const planned = await backup.planCancel(backup.findHost(target), { signal: signal() });
      if (!yes) {
        io.out(json ? `${JSON.stringify({ plan: planned.plan }, null, 2)}\n` : `${planText(planned.plan, lang)}${words(lang, 'cli.plan.notRun')}\n`);
        return 0;
      }
      if (!json) io.out(planText(planned.plan, lang));
      const result = await backup.cancel(planned, reason as string, { signal: signal() });
      io.out(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCancel(result, lang)}\n${words(lang, 'cli.plan.recorded', { id: result.operationId })}\n`);
      return 0;
    } finally {
      close();
    }
  },

  async list(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang', '--host'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    if (args.positionals.length !== 0) throw UsageError.of('cli.error.usage', { usage: USAGE.list });
    const { backup, history, close } = backupSession(io);
    try {
      const host = args.flags.get('--host');
      const hostId = typeof host === 'string' ? backup.findHost(host) : undefined;
      const runs = history.runs(hostId);
      if (args.flags.has('--json')) {
        io.out(`${JSON.stringify(runs, null, 2)}\n`);
        return 0;
      }
      const alerts = history.alerts().filter((a) => hostId === undefined || a.hostId === hostId);
      const lines = alertLines(alerts, history.settings().graceMinutes, lang, io.env);
      if (runs.length === 0) lines.push(words(lang, 'cli.backup.noRuns'));
      for (const r of runs) lines.push(...historyLines(r, lang, io.env));
      io.out(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      close();
    }
  },

  /** Verifies what the host's runs left on the share: Custode's unverified runs and the newest scheduled run. */
  async verify(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json', PASSWORD_STDIN], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE.verify });
    const { backup, history, close } = backupSession(io, await loginOptions(args, io, ['backup', 'verify', ...argv]));
    try {
      const hostId = backup.findHost(target);
      const verified = await history.verifyHost(hostId, { signal: signal() });
      if (args.flags.has('--json')) io.out(`${JSON.stringify(verified, null, 2)}\n`);
      else if (verified.length === 0) io.out(`${words(lang, 'cli.backup.nothingToVerify', { host: target })}\n`);
      else io.out(`${[words(lang, 'cli.backup.verified', { count: verified.length, host: target }), ...verified.flatMap((r) => historyLines(r, lang, io.env))].join('\n')}\n`);
      return verified.some((r) => r.verify?.verdict === 'problems') ? 1 : 0;
    } finally {
      close();
    }
  },

  /** The hosts whose scheduled run is missing, from their last probe; `--grace` first sets the grace (minutes). */
  async alerts(argv, io) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang', '--grace'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    if (args.positionals.length !== 0) throw UsageError.of('cli.error.usage', { usage: USAGE.alerts });
    const grace = args.flags.get('--grace');
    if (grace !== undefined && (typeof grace !== 'string' || !/^\d+$/.test(grace) || Number(grace) > 7 * 24 * 60)) throw UsageError.of('cli.error.usage', { usage: USAGE.alerts });
    const { history, close } = backupSession(io);
    try {
      if (typeof grace === 'string') {
        history.updateSettings({ graceMinutes: Number(grace) });
        if (!args.flags.has('--json')) io.out(`${words(lang, 'cli.backup.graceSet', { grace })}\n`);
      }
      const alerts = history.alerts();
      io.out(args.flags.has('--json') ? `${JSON.stringify(alerts, null, 2)}\n` : `${alertLines(alerts, history.settings().graceMinutes, lang, io.env).join('\n')}\n`);
      return alerts.length > 0 ? 1 : 0;
    } finally {
      close();
    }
  },
};
