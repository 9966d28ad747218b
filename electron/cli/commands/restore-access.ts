import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import { namedError, type OpenAccess } from '../../../shared/model/restore-access.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { closePlan, closeSteps } from '../../core/restore/cross-host/close-access.ts';
import { parseArgs } from '../args.ts';
import { errorWords, words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { localTime } from '../local-time.ts';
import { planText } from '../plan-cli.ts';
import type { Command } from './group.ts';
import { loginOptions, open, PASSWORD_STDIN, type LoginOptions } from './fleet.ts';
import { cliLang } from './lang.ts';

/**
 * `custode restore access list|close`: the temporary share accesses a cross-host restore left open (the restore's
 * journal in the data folder), and their close. `close ID` without `--yes` reads the host and the NAS and prints what
 * it would send (exit 1 when a part cannot be closed now, and why); with `--reason "…" --yes` it closes through the
 * same audited close as the app (exit 1 when it fails: the access stays listed). 2 is bad usage.
 */
export const ACCESS_USAGE = 'custode restore access list [--json] | close ID [--reason "…" --yes] [--password-stdin] [--json] [--lang it|en]';

/** A CLI session whose SSH layer knows every saved machine: the journal names the host and the NAS by their fleet ids. */
function session(io: CliIo, login: Partial<LoginOptions> = {}) {
  const s = open(io, login);
  s.fleet.registerAll();
  return s;
}

const list = (hosts: readonly string[] | null): string => (hosts === null || hosts.length === 0 ? '—' : hosts.join(', '));

function accessText(a: OpenAccess, lang: Lang, env: CliIo['env']): string {
  const lines = [
    words(lang, 'cli.access.entry', { id: a.id, host: a.host.name, nas: a.nas.name, share: a.share, when: localTime(a.openedAt, lang, env) }),
    words(lang, 'cli.access.datastore', { datastore: a.datastore, host: a.host.name }),
    a.widenedTo === null ? words(lang, 'cli.access.notWidened') : words(lang, 'cli.access.widened', { hosts: list(a.widenedTo), before: list(a.originalHosts) }),
  ];
  const error = namedError(a);
  if (error !== null) lines.push(words(lang, 'cli.access.lastError', { error: errorWords(lang, error) }));
  return lines.join('\n');
}

/** `typed`: the command as typed, for the example of how to give a password. */
async function closeAccess(id: string, args: ReturnType<typeof parseArgs>, io: CliIo, lang: Lang, typed: readonly string[]): Promise<number> {
  const reason = args.flags.get('--reason');
  const yes = args.flags.has('--yes');
  const json = args.flags.has('--json');
  // The reason is asked for before anything is read or sent.
  if (yes && (typeof reason !== 'string' || reason.trim() === '')) {
    io.err(`custode: ${words(lang, 'cli.access.reasonRequired')}\n`);
    return 2;
  }
  const s = session(io, await loginOptions(args, io, typed));
  try {
    if (!yes) {
      const entry = s.accesses.deps.journal.get(id);
      if (entry === null) throw new AppError('restore.access.notOpen', `No temporary access ${id} is open`, { id });
      const { steps, errors } = await closeSteps(s.accesses.deps, entry, new AbortController().signal);
      const plan = steps.length > 0 ? closePlan(entry, steps, Date.now()) : null;
      if (json) io.out(`${JSON.stringify({ plan, errors: errors.map(toErrorData) }, null, 2)}\n`);
      else {
        if (plan !== null) io.out(planText(plan, lang));
        else if (errors.length === 0) io.out(`${words(lang, 'cli.access.nothingToRun')}\n`);
        for (const e of errors) io.out(`${words(lang, 'cli.access.cannotNow', { error: errorWords(lang, toErrorData(e)) })}\n`);
        io.out(`${words(lang, 'cli.plan.notRun')}\n`);
      }
      return errors.length > 0 ? 1 : 0;
    }
    const result = await s.accesses.close(id, reason as string, { signal: new AbortController().signal });
    if (json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const yn = (b: boolean) => words(lang, b ? 'cli.access.yes' : 'cli.access.no');
      io.out(`${words(lang, 'cli.access.closed', { id, unmounted: yn(result.unmounted), exported: yn(result.exportRestored) })}\n`);
      if (result.operationId !== null) io.out(`${words(lang, 'cli.plan.recorded', { id: result.operationId })}\n`);
    }
    return 0;
  } catch (error) {
    const data = toErrorData(error);
    if (data.code === 'operations.reasonTooLong') {
      io.err(`custode: ${errorWords(lang, data)}\n`);
      return 2;
    }
    if (json) io.out(`${JSON.stringify({ error: data }, null, 2)}\n`);
    io.err(`custode: ${errorWords(lang, data)}\n`);
    return 1;
  } finally {
    s.close();
  }
}

export const accessCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, { booleans: ['--json', '--yes', PASSWORD_STDIN], values: ['--lang', '--reason'] });
  const lang = cliLang(args.flags.get('--lang'), io.env);
  if (sub === 'close' && args.positionals.length === 1) return closeAccess(args.positionals[0]!, args, io, lang, ['restore', 'access', ...argv]);
  if (sub !== 'list' || args.positionals.length !== 0 || args.flags.has('--yes') || args.flags.has('--reason') || args.flags.has(PASSWORD_STDIN)) throw UsageError.of('cli.error.usage', { usage: ACCESS_USAGE });
  const s = session(io);
  try {
    const open = s.accesses.list();
    if (args.flags.has('--json')) io.out(`${JSON.stringify(open, null, 2)}\n`);
    else if (open.length === 0) io.out(`${words(lang, 'cli.access.none')}\n`);
    else io.out(`${[words(lang, 'cli.access.head', { count: open.length }), ...open.map((a) => accessText(a, lang, io.env)), words(lang, 'cli.access.closeHint')].join('\n')}\n`);
    return 0;
  } finally {
    s.close();
  }
};
