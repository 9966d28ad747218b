import { describeSchedule } from '../../core/ghettovcb/cron/describe.ts';
import { nextRuns } from '../../core/ghettovcb/cron/next-runs.ts';
import { parseCronLine } from '../../core/ghettovcb/cron/parse.ts';
import { parseArgs } from '../args.ts';
import { words } from '../file-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import { localTime, localZone } from '../local-time.ts';
import type { CommandGroup } from './group.ts';
import { formatIssue, withText } from './issues.ts';
import { cliLang } from './lang.ts';

const USAGE = 'custode cron explain "<crontab line>" [--json] [--lang it|en] [--count <n>] [--from <ISO time>]';

export const cronCommands: CommandGroup = {
  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang', '--count', '--from'] });
    if (args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: USAGE });
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const count = Number(args.flags.get('--count') ?? 5);
    if (!Number.isInteger(count) || count < 0 || count > 1000) throw UsageError.of('cli.error.count');
    const fromFlag = args.flags.get('--from');
    const from = typeof fromFlag === 'string' ? new Date(fromFlag) : new Date();
    if (Number.isNaN(from.getTime())) throw UsageError.of('cli.error.from', { value: String(fromFlag) });
    const parsed = parseCronLine(args.positionals[0] ?? '');
    if (!parsed.ok) {
      const first = parsed.issues[0];
      throw UsageError.of('cli.error.notCronLine', { why: first ? words(lang, first.code, first.params) : '' });
    }
    const description = describeSchedule(parsed.line, lang);
    const runs = nextRuns(parsed.line, from, count);
    if (args.flags.has('--json')) {
      const json = { description, nextRuns: runs.map((d) => d.toISOString()), command: parsed.line.shellCommand, issues: withText(parsed.issues, lang) };
      io.out(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const when = runs.length > 0 ? [words(lang, 'cli.cron.nextRuns', { zone: localZone(lang, io.env) }), ...runs.map((d) => `  ${localTime(d, lang, io.env)}`)] : count > 0 ? [words(lang, 'cli.cron.noRuns')] : [];
      io.out([description, ...when, ...parsed.issues.map((i) => formatIssue(i, lang))].join('\n') + '\n');
    }
    return 0;
  },
};
