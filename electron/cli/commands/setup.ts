import { AppError } from '../../../shared/errors/app-error.ts';
import { throwUnlessSucceeded } from '../../core/operations/operation-service.ts';
import type { SetupPlanView } from '../../../shared/model/setup.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { parseDays } from '../../../shared/model/week-days.ts';
import { spokenDays } from '../../core/setup/days.ts';
import { checkExcludeNames } from '../../core/setup/exclusions.ts';
import { readPicked } from '../../core/setup/picked-file.ts';
import { checkRotation, parseClockTime, parseLifetime, type SetupRequest } from '../../core/setup/request.ts';
import type { SetupPlanResult } from '../../core/setup/plan-setup.ts';
import { oneOf, parseArgs, type ParsedArgs } from '../args.ts';
import { words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { planText, recordedLine, reviewOrRun, REVIEW_FLAGS, wantsRun } from '../plan-cli.ts';
import { printable } from '../printable.ts';
import type { CommandGroup } from './group.ts';
import { loginOptions, open, PASSWORD_STDIN } from './fleet.ts';
import { cliLang } from './lang.ts';

/**
 * `custode setup …`: a host's backup setup (NAS share, mount, ghettoVCB, conf, schedule) planned from what both
 * machines hold now, each page "already done" or its change with the exact commands; `apply` runs the plan through
 * the operation path (reason, audit trail), `remove` plans and runs the removal (copies on the NAS stay).
 */
const OPTIONS = '[--time HH:MM] [--days daily|mon-fri|mon,wed,fri] [--exclude VM]… [--no-exclude] [--rotation N] [--schedule host|nas] [--ghettovcb FILE] [--dataset POOL/NAME] [--nfs 4.1|3] [--snapshots 2w]';
const USAGE = {
  plan: `custode setup plan <host> --nas <nas> ${OPTIONS} [--password-stdin] [--json] [--lang it|en]`,
  apply: `custode setup apply <host> --nas <nas> ${OPTIONS} --reason "…" --yes [--password-stdin] [--json] [--lang it|en]`,
  remove: 'custode setup remove <host> --nas <nas> [--reason "…" --yes] [--password-stdin] [--json] [--lang it|en]',
  dryrun: 'custode setup dryrun <host> --nas <nas> [--password-stdin] [--json] [--lang it|en]',
};
const REQUEST_VALUES = ['--nas', '--time', '--days', '--rotation', '--schedule', '--ghettovcb', '--dataset', '--nfs', '--snapshots', '--lang'] as const;
const signal = () => new AbortController().signal;

function parse(argv: readonly string[], usage: string, withReview: boolean): ParsedArgs {
  const args = parseArgs(argv, { booleans: ['--json', '--no-exclude', PASSWORD_STDIN, ...(withReview ? REVIEW_FLAGS.booleans : [])], values: [...REQUEST_VALUES, ...(withReview ? REVIEW_FLAGS.values : [])], repeated: ['--exclude'] });
  if (args.positionals.length !== 1 || typeof args.flags.get('--nas') !== 'string') throw UsageError.of('cli.error.usage', { usage });
  return args;
}

function text(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** The request from the flags; every value is checked here, before anything is read or sent. */
function request(args: ParsedArgs): Omit<SetupRequest, 'hostId' | 'nasId'> {
  const time = text(args, '--time');
  if (time !== undefined) parseClockTime(time);
  const rotation = text(args, '--rotation');
  const file = text(args, '--ghettovcb');
  const snapshots = text(args, '--snapshots');
  const dataset = text(args, '--dataset');
  const nfs = args.flags.get('--nfs');
  const days = text(args, '--days');
  const exclude = args.lists.get('--exclude') ?? [];
  if (exclude.length > 0 && args.flags.has('--no-exclude')) throw new AppError('setup.excludeBoth', 'Give --exclude VM (repeatable) or --no-exclude, not both');
  return {
    ...(time !== undefined ? { time } : {}),
    ...(days !== undefined ? { days: parseDays(days) } : {}),
    ...(exclude.length > 0 ? { exclude: checkExcludeNames(exclude) } : args.flags.has('--no-exclude') ? { exclude: [] } : {}),
    ...(rotation !== undefined ? { rotation: checkRotation(/^\d+$/.test(rotation) ? Number(rotation) : NaN) } : {}),
    ...(args.flags.has('--schedule') ? { schedule: oneOf(args.flags.get('--schedule'), ['host', 'nas'] as const, '--schedule', 'host') } : {}),
    ...(file !== undefined ? { ghettovcb: readPicked(file) } : {}),
    ...(dataset !== undefined ? { dataset } : {}),
    ...(nfs !== undefined ? { nfsVersion: oneOf(nfs, ['4.1', '3'] as const, '--nfs', '4.1') === '3' ? 'nfs3' : 'nfs41' } : {}),
    ...(snapshots !== undefined ? { snapshots: parseLifetime(snapshots) } : {}),
  };
}

export function viewText(view: SetupPlanView, lang: Lang): string {
  const w = (x: { key: string; params: Record<string, string | number> }) => words(lang, x.key, x.params);
  const lines = [words(lang, 'setup.cli.head', { host: view.host, ip: view.ip, nas: view.nas })];
  for (const p of view.pages) {
    lines.push(`  [${words(lang, `setup.status.${p.status}`)}] ${words(lang, `setup.page.${p.page}`)}: ${printable(w(p.found))}`);
    for (const n of p.notes) lines.push(`      ${printable(w(n))}`);
    if (p.diff) lines.push(...p.diff.split('\n').map((l) => `      ${printable(l)}`));
  }
  const summary = Object.fromEntries(Object.entries(view.summary).map(([k, v]) => [k, v ?? '?']));
  lines.push(words(lang, 'setup.cli.summary', { ...summary, ...spokenDays(parseDays(String(view.summary['days'] ?? 'daily'))), schedule: words(lang, `setup.where.${view.summary['schedule']}`), secureBoot: words(lang, `setup.secureBoot.${view.summary['secureBoot']}`) }));
  lines.push(view.changes === 0 ? words(lang, 'setup.cli.nothingToDo') : words(lang, 'setup.cli.changes', { count: view.changes }));
  return `${lines.join('\n')}\n`;
}

/** `run` over a session holding the host and the NAS named; `typed` (the command as typed) shows how to give a password. */
async function planned(io: CliIo, args: ParsedArgs, typed: readonly string[], run: (s: ReturnType<typeof open>, ids: { hostId: string; nasId: string }) => Promise<number>): Promise<number> {
  const session = open(io, await loginOptions(args, io, typed));
  try {
    const ids = { hostId: session.setup.find(args.positionals[0]!, 'esxi'), nasId: session.setup.find(text(args, '--nas')!, 'nas') };
    return await run(session, ids);
  } finally {
    session.close();
  }
}

function printPlan(io: CliIo, result: SetupPlanResult, lang: Lang, json: boolean): void {
  io.out(json ? `${JSON.stringify(result.view, null, 2)}\n` : viewText(result.view, lang));
}

export const setupCommands: CommandGroup = {
  async plan(argv, io) {
    const args = parse(argv, USAGE.plan, false);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const json = args.flags.has('--json');
    const asked = request(args);
    return planned(io, args, ['setup', 'plan', ...argv], async (s, ids) => {
      const result = await s.setup.plan({ ...asked, ...ids }, signal());
      printPlan(io, result, lang, json);
      if (result.plan !== null) {
        if (!json) io.out(`\n${planText(result.plan, lang)}${words(lang, 'cli.plan.notRun')}\n`);
        s.operations.discard(result.plan.id);
      }
      return 0;
    });
  },

  async apply(argv, io) {
    const args = parse(argv, USAGE.apply, true);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const json = args.flags.has('--json');
    const asked = request(args);
    return planned(io, args, ['setup', 'apply', ...argv], async (s, ids) => {
      const result = await s.setup.plan({ ...asked, ...ids }, signal());
      if (!json) io.out(viewText(result.view, lang));
      if (result.plan === null) {
        if (json) io.out(`${JSON.stringify({ view: result.view, result: null }, null, 2)}\n`);
        return 0;
      }
      // With --yes the summary is the plan itself: every step, its commands and its undo, then the run.
      if (!json) io.out(`\n${wantsRun(args) ? planText(result.plan, lang) : ''}`);
      const reviewed = await reviewOrRun(s.operations, result.plan, args, json ? { ...io, out: () => undefined } : io, lang);
      if ('exit' in reviewed) return reviewed.exit;
      throwUnlessSucceeded(reviewed.result);
      io.out(json ? `${JSON.stringify({ view: result.view, result: reviewed.result }, null, 2)}\n` : recordedLine(lang, reviewed.result));
      return 0;
    });
  },

  async remove(argv, io) {
    const args = parse(argv, USAGE.remove, true);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const json = args.flags.has('--json');
    return planned(io, args, ['setup', 'remove', ...argv], async (s, ids) => {
      const plan = await s.setup.planRemoval(ids.hostId, ids.nasId, signal());
      if (plan === null) {
        io.out(json ? `${JSON.stringify({ plan: null }, null, 2)}\n` : `${words(lang, 'setup.cli.nothingToRemove')}\n`);
        return 0;
      }
      const reviewed = await reviewOrRun(s.operations, plan, args, json ? { ...io, out: () => undefined } : io, lang);
      if ('exit' in reviewed) {
        if (json) io.out(`${JSON.stringify({ plan }, null, 2)}\n`);
        return reviewed.exit;
      }
      throwUnlessSucceeded(reviewed.result);
      io.out(json ? `${JSON.stringify({ plan, result: reviewed.result }, null, 2)}\n` : recordedLine(lang, reviewed.result));
      return 0;
    });
  },

  async dryrun(argv, io) {
    const args = parse(argv, USAGE.dryrun, false);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    return planned(io, args, ['setup', 'dryrun', ...argv], async (s, ids) => {
      const result = await s.setup.dryRun(ids.hostId, ids.nasId, signal());
      if (args.flags.has('--json')) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const vm of result.vms) {
          const disks = vm.disks.map((d) => `${printable(d.name)} (${d.sizeGb ?? '?'} GB)`).join(', ');
          io.out(`${words(lang, 'setup.cli.dryRunVm', { vm: printable(vm.name), outcome: words(lang, `ghettovcb.outcome.${vm.outcome}.label`), disks: disks || '—', total: vm.totalSizeGb ?? '?' })}\n`);
          for (const n of vm.notes) io.out(`    ${printable(n)}\n`);
        }
      }
      return 0;
    });
  },
};
