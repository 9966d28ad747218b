import { toErrorData } from '../../shared/errors/app-error.ts';
import { UsageError, type CliIo } from './io.ts';
import { confCommands } from './commands/conf.ts';
import { cronCommands } from './commands/cron.ts';
import { fleetCommands } from './commands/fleet.ts';
import { logCommands } from './commands/log.ts';
import { logsCommands } from './commands/logs.ts';
import type { CommandGroup } from './commands/group.ts';

export { nodeIo } from './io.ts';

/** `custode <group> <command> …`: each group lives in commands/<group>.ts; later issues add more groups. */
export const CLI_GROUPS: Readonly<Record<string, CommandGroup>> = { log: logCommands, conf: confCommands, cron: cronCommands, fleet: fleetCommands, logs: logsCommands };

const USAGE = [
  'usage: custode <group> <command> [options]',
  '  custode log parse <file|-> [--json]',
  '  custode log explain <file|-> [--lang it|en]',
  '  custode conf check <file> [--json] [--per-vm] [--esxi <version>] [--lang it|en]',
  '  custode cron explain "<crontab line>" [--json] [--lang it|en] [--count <n>] [--from <ISO time>]',
  '  custode fleet add-host|add-nas <address> [--port N] [--user U] [--password-stdin | --key FILE] [--accept-fingerprint SHA256:…] [--json]',
  '  custode fleet list|status [--json] [--lang it|en] [--no-refresh] [--password-stdin]   (data folder: CUSTODE_HOME)',
  '  custode logs sync [--host H] [--json] [--password-stdin] | import <file|dir> [--host H] | search "<query>" [--limit N] [--json] | show <run-id> [--vm NAME] | runs [--host H] [--vm NAME] [--since DATE] [--json]',
  'exit codes: 0 done, 1 the checked file has errors (conf check) or a machine could not be checked (fleet status), 2 bad usage or unreadable input, 3 a host key was refused (fleet add-*)',
].join('\n');

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [groupName, commandName, ...rest] = argv;
  if (groupName === '--help' || groupName === 'help' || groupName === '-h') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  try {
    if (groupName === undefined) throw new UsageError('missing command; try `custode --help`');
    const group = CLI_GROUPS[groupName];
    if (!group) throw new UsageError(`unknown command group "${groupName}"; try \`custode --help\``);
    const command = commandName === undefined ? undefined : group[commandName];
    if (!command) throw new UsageError(`usage: custode ${groupName} <${Object.keys(group).join('|')}> …`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custode: ${error.message}\n`);
      return 2;
    }
    const data = toErrorData(error);
    io.err(`custode: ${data.code}: ${data.message.split('\n')[0] ?? ''}\n`);
    return 1;
  }
}
