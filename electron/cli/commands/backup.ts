import type { PreflightReport } from '../../../shared/model/backup.ts';
import { BackupService } from '../../core/backup/backup-service.ts';
import { hostBlocks } from '../../core/backup/preflight.ts';
import type { Lang } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { words } from '../fleet-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { open } from './fleet.ts';
import { cliLang } from './lang.ts';

/**
 * `custode backup …`: backups of the ESXi hosts added with `fleet add-host`, through the ghettoVCB on each host.
 * Logins come from a key or the agent (the CLI never prompts). Exit codes of `check`: 0 nothing about the whole
 * host blocks, 1 something does (or the host could not be checked), 2 usage.
 */
const CHECK_USAGE = 'custode backup check <host> [--vm NAME]… [--json] [--lang it|en]';

/** `--vm` may be given many times; the shared parser keeps one value per flag, so they are taken out first. */
export function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) {
      const v = argv[++i];
      if (v === undefined) throw UsageError.of('cli.error.needsValue', { name });
      values.push(v);
    } else if (a.startsWith(`${name}=`)) values.push(a.slice(name.length + 1));
    else rest.push(a);
  }
  return { values, rest };
}

function formatReport(r: PreflightReport, lang: Lang): string {
  const vms = r.allVms ? words(lang, 'cli.backup.allVms', { count: r.vms.length }) : r.vms.join(', ');
  const out = [words(lang, 'cli.backup.report', { host: r.host, vms, verdict: words(lang, `backup.verdict.${r.verdict}`) })];
  if (r.setup) out.push(`  ${words(lang, 'cli.backup.setup', { script: r.setup.script, conf: r.setup.conf ?? words(lang, 'cli.backup.noConf'), volume: r.setup.volume ?? '?' })}`);
  for (const c of r.checks) {
    const where = c.vm === null ? '' : ` (${c.vm})`;
    out.push(`  [${words(lang, `backup.verdict.${c.verdict}`)}] ${words(lang, `backup.checkName.${c.check}`)}${where}: ${words(lang, c.code, c.params)}`);
  }
  if (hostBlocks(r).length > 0) out.push(words(lang, 'cli.backup.hostBlocks'));
  else if (r.verdict === 'block') out.push(words(lang, 'cli.backup.vmBlocks'));
  return out.join('\n');
}

export const backupCommands: CommandGroup = {
  async check(argv, io: CliIo) {
    const { values: vms, rest } = takeRepeated(argv, '--vm');
    const args = parseArgs(rest, { booleans: ['--json'], values: ['--lang'] });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const target = args.positionals[0];
    if (target === undefined || args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: CHECK_USAGE });
    const session = open(io);
    try {
      const backup = new BackupService({ fleet: session.fleet, ssh: session.ssh });
      const report = await backup.check(backup.findHost(target), vms, { signal: new AbortController().signal });
      io.out(args.flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, lang)}\n`);
      return hostBlocks(report).length > 0 ? 1 : 0;
    } finally {
      session.close();
    }
  },
};
