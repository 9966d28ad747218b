import { hostsNamed, namedHost, splitEndpoint } from '../../core/fleet/named-host.ts';
import { normalizeHost } from '../../core/trust/pin-store.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { parseArgs } from '../args.ts';
import { words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { planReviewOrRun, recordedLine, REVIEW_FLAGS } from '../plan-cli.ts';
import { open } from './fleet.ts';
import type { CommandGroup } from './group.ts';
import { cliLang } from './lang.ts';

const FORGET_USAGE = UsageError.of('cli.error.usage', {
  usage: 'custode trust forget <name|address[:port]> [--reason "…" --yes --confirm address:port] [--json] [--lang it|en]',
});

/** The endpoint whose pins to forget: a machine in the fleet by name or address, else the address[:port] given. */
function endpoint(hosts: readonly HostEntry[], text: string): { host: string; port: number } {
  if (hostsNamed(hosts, text).length > 0) {
    const host = namedHost(hosts, text);
    return { host: normalizeHost(host.address), port: host.port };
  }
  const { address, port } = splitEndpoint(text);
  return { host: normalizeHost(address), port: port ?? 22 };
}

/**
 * `custode trust …`: the host keys Custode has pinned. Forgetting them is an audited operation and a dangerous one
 * (a changed key would then look like a first contact): without --yes the plan is printed; with --reason "…" --yes
 * and --confirm naming address:port it runs. An address with no pinned key is refused before anything is planned.
 */
export const trustCommands: CommandGroup = {
  async forget(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json', ...REVIEW_FLAGS.booleans], values: ['--lang', ...REVIEW_FLAGS.values] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const named = args.positionals[0];
    if (named === undefined || named.trim() === '' || args.positionals.length !== 1) throw FORGET_USAGE;
    const session = open(io);
    try {
      const { host, port } = endpoint(session.fleet.hosts.list(), named);
      const count = session.trust.pins(host, port).length;
      const reviewed = await planReviewOrRun(session, { kind: 'trust.forget', host, port }, args, io, lang);
      if ('exit' in reviewed) return reviewed.exit;
      const object = `${host}:${port}`;
      if (args.flags.has('--json')) io.out(`${JSON.stringify({ host, port, removed: count, operationId: reviewed.result.operationId }, null, 2)}\n`);
      else io.out(`${words(lang, 'cli.trust.forgotten', { count, object })}\n${recordedLine(lang, reviewed.result)}`);
      return 0;
    } finally {
      session.close();
    }
  },
};
