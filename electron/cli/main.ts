import { toErrorData } from '../../shared/errors/app-error.ts';
import { messages } from '../../shared/i18n/cli.ts';
import pkg from '../../package.json' with { type: 'json' };
import type { Lang } from '../core/ghettovcb/text.ts';
import type { CommandGroup } from './commands/group.ts';
import { runLang } from './commands/lang.ts';
import { UsageError, type CliIo } from './io.ts';
import { printableParams } from './printable.ts';

export { nodeIo } from './io.ts';

/**
 * `custode <group> <command> …`: each group lives in commands/<group>.ts and is loaded only when named, so
 * `custode --help` or `cron explain` never loads ssh2 or SQLite.
 */
export const CLI_GROUPS: Readonly<Record<string, () => Promise<CommandGroup>>> = {
  log: async () => (await import('./commands/log.ts')).logCommands,
  conf: async () => (await import('./commands/conf.ts')).confCommands,
  cron: async () => (await import('./commands/cron.ts')).cronCommands,
  fleet: async () => (await import('./commands/fleet.ts')).fleetCommands,
  trust: async () => (await import('./commands/trust.ts')).trustCommands,
  audit: async () => (await import('./commands/audit.ts')).auditCommands,
  logs: async () => (await import('./commands/logs.ts')).logsCommands,
  backup: async () => (await import('./commands/backup.ts')).backupCommands,
  restore: async () => (await import('./commands/restore.ts')).restoreCommands,
  setup: async () => (await import('./commands/setup.ts')).setupCommands,
  drill: async () => (await import('./commands/drill.ts')).drillCommands,
};

const SYNOPSIS = [
  'custode log parse <file|-> [--json]',
  'custode log explain <file|-> [--lang it|en]',
  'custode conf check <file> [--json] [--per-vm] [--esxi <version>] [--lang it|en]',
  'custode cron explain "<crontab line>" [--json] [--lang it|en] [--count <n>] [--from <ISO time>]',
  'custode fleet add-host|add-nas <address> [--port N] [--user U] [--password-stdin | --key FILE] [--accept-fingerprint SHA256:…] [--reason "…" --yes] [--json]',
  'custode fleet list|status [--json] [--lang it|en] [--no-refresh] [--password-stdin]',
  'custode fleet remove <name|address[:port]> [--reason "…" --yes] [--json]',
  'custode trust forget <name|address[:port]> [--reason "…" --yes --confirm address:port] [--json]',
  'custode audit list [--since DATE] [--until DATE] [--host H] [--vm VM] [--kind K] [--outcome O] [--user U] [--json] | show ID [--json] | verify | export --format csv|json|html [--out FILE]',
  'custode backup check <host> [--vm NAME]… [--password-stdin] [--json] | run <host> [--vm NAME]… [--dry-run] --reason "…" --yes [--detach] [--password-stdin] [--json] | attach <host> [--password-stdin] | cancel <host> --reason "…" --yes [--password-stdin] [--json] | list [--host H] [--json] | verify <host> [--password-stdin] [--json] | alerts [--grace MINUTES] [--json]',
  'custode restore copies --vm NAME [--from-host H] [--password-stdin] [--json] | plan --vm NAME [--from-host H] [--copy latest|FOLDER] --to-host H --datastore DS --name NEW [--format thin] [--power-on] [--password-stdin] [--json] | run … --reason "…" --yes',
  'custode restore access list [--json] | close ID [--reason "…" --yes] [--password-stdin] [--json]',
  'custode setup plan|apply|remove|dryrun <host> --nas <nas> [--time HH:MM] [--days daily|mon-fri|mon,wed,fri] [--exclude VM]… [--no-exclude] [--rotation N] [--schedule host|nas] [--ghettovcb FILE] [--dataset POOL/NAME] [--nfs 4.1|3] [--snapshots 2w] [--reason "…" --yes] [--password-stdin] [--json]',
  'custode drill run --vm NAME --to-host H [--datastore DS] [--timeout SECONDS] --reason "…" --yes [--password-stdin] [--json] | list [--vm NAME] [--json]',
  '  custode logs sync [--host H] [--json] [--password-stdin] | import <file|dir> [--host H] | search "<query>" [--limit N] [--json] | show <run-id> [--vm NAME] | runs [--host H] [--vm NAME] [--since DATE] [--json]',
];

/** The CLI's own words (help, usage errors: `cli.*` keys); commands word the rest through fleet-words. */
function say(lang: Lang, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template: string = (messages[lang] as Readonly<Record<string, string>>)[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? '?'));
}

function help(lang: Lang): string {
  return [say(lang, 'cli.help.usage'), ...SYNOPSIS.map((s) => `  ${s}`), `  ${say(lang, 'cli.help.dataFolder')}`, say(lang, 'cli.help.version'), say(lang, 'cli.help.exitCodes')].join('\n');
}

export async function runCli(argv: readonly string[], cliIo: CliIo): Promise<number> {
  const lang = runLang(argv, cliIo.env);
  // A leading `--lang X` is for the whole run: the command sees it as the locale, so every part speaks one language.
  const leading = argv[0] === '--lang' ? 2 : argv[0]?.startsWith('--lang=') ? 1 : 0;
  const io: CliIo = { ...cliIo, env: { ...cliIo.env, LC_ALL: lang === 'it' ? 'it_IT.UTF-8' : 'en_US.UTF-8' } };
  const [groupName, commandName, ...rest] = argv.slice(leading);
  if (groupName === '--help' || groupName === 'help' || groupName === '-h') {
    io.out(`${help(lang)}\n`);
    return 0;
  }
  if (groupName === '--version' || groupName === '-V') {
    io.out(`custode ${pkg.version}\n`);
    return 0;
  }
  try {
    if (groupName === undefined) throw UsageError.of('cli.error.missingCommand');
    const load = Object.hasOwn(CLI_GROUPS, groupName) ? CLI_GROUPS[groupName] : undefined;
    if (!load) throw UsageError.of('cli.error.unknownGroup', { name: groupName });
    const group = await load();
    const command = commandName !== undefined && Object.hasOwn(group, commandName) ? group[commandName] : undefined;
    if (!command) throw UsageError.of('cli.error.usage', { usage: SYNOPSIS.filter((s) => s.startsWith(`custode ${groupName} `)).join(' | ') });
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custode: ${error.key ? say(lang, error.key.code, printableParams(error.key.params)) : error.message}\n`);
      return 2;
    }
    const { errorWords } = await import('./fleet-words.ts');
    io.err(`custode: ${errorWords(lang, toErrorData(error))}\n`);
    return 1;
  }
}
