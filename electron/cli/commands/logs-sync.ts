import { join } from 'node:path';
import { toErrorData } from '../../../shared/errors/app-error.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { text } from '../../core/ghettovcb/text.ts';
import { harvest } from '../../core/logs/harvest.ts';
import { LogCatalog } from '../../core/logs/log-catalog.ts';
import { openDatabase } from '../../core/catalog/database.ts';
import { parseArgs } from '../args.ts';
import { errorWords } from '../fleet-words.ts';
import type { CliIo } from '../io.ts';
import { cliLang } from './lang.ts';
import { loginOptions, open, PASSWORD_STDIN } from './fleet.ts';

/**
 * `custode logs sync [--host H] [--json] [--password-stdin]`: harvests the logs of every host (or of one) into the
 * catalog, where the fleet's last check says they are. Exit 1 when a host could not be harvested.
 */
export async function logsSync(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['--host', '--lang'], booleans: ['--json', PASSWORD_STDIN] });
  const lang = cliLang(args.flags.get('--lang'), io.env);
  const session = open(io, await loginOptions(args, io, ['logs', 'sync', ...argv]));
  const dataDir = defaultDataDir(io.env as NodeJS.ProcessEnv);
  const db = openDatabase(join(dataDir, 'custode.sqlite'));
  try {
    const catalog = new LogCatalog(db, dataDir);
    const given = args.flags.get('--host');
    const hostIds = typeof given === 'string' ? [catalog.hosts.chosen(given).hostId ?? session.fleet.hosts.get(given).id] : undefined;
    const results = await harvest({ catalog, hosts: session.fleet.hosts, probes: session.fleet.probes, ssh: session.ssh }, hostIds, { signal: new AbortController().signal });
    if (args.flags.has('--json')) io.out(`${JSON.stringify(results, null, 2)}\n`);
    else
      for (const r of results) {
        const from = r.source === null ? '' : `${text(lang, 'cli.logs.sync.from', { source: r.source })} `;
        const head = `${r.name.padEnd(16)} ${from}${text(lang, 'cli.logs.sync.summary', { found: r.found, fetched: r.fetched, followed: r.followed, unchanged: r.unchanged, refused: r.refused })}`;
        io.out(`${head}${r.error ? `  — ${errorWords(lang, r.error)}` : ''}\n`);
        for (const f of r.failed) io.out(`  ${f.file}: ${errorWords(lang, f)}\n`);
      }
    return results.some((r) => r.error !== null || r.failed.length > 0) ? 1 : 0;
  } catch (error) {
    io.err(`custode: ${errorWords(lang, toErrorData(error))}\n`);
    return 1;
  } finally {
    db.close();
    session.close();
  }
}
