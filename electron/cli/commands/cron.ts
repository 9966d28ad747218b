import { describeSchedule } from '../../core/ghettovcb/cron/describe.ts';
import { nextRuns } from '../../core/ghettovcb/cron/next-runs.ts';
import { parseCronLine } from '../../core/ghettovcb/cron/parse.ts';
import { text } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { formatIssue, withText } from './issues.ts';
import { cliLang } from './lang.ts';

export const cronCommands: CommandGroup = {
  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json'], values: ['--lang', '--count', '--from'] });
    if (args.positionals.length !== 1) throw new UsageError('usage: custode cron explain "<crontab line>" [--json] [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const count = Number(args.flags.get('--count') ?? 5);
    if (!Number.isInteger(count) || count < 0 || count > 1000) throw new UsageError('--count must be a whole number from 0 to 1000');
    const fromFlag = args.flags.get('--from');
    const from = typeof fromFlag === 'string' ? new Date(fromFlag) : new Date();
    if (Number.isNaN(from.getTime())) throw new UsageError(`--from: not a date: ${String(fromFlag)}`);
    const parsed = parseCronLine(args.positionals[0] ?? '');
    if (!parsed.ok) {
      const first = parsed.issues[0];
      throw new UsageError(`not a crontab line: ${first ? text(lang, first.code, first.params) : ''}`);
    }
    const description = describeSchedule(parsed.line, lang);
    const runs = nextRuns(parsed.line, from, count).map((d) => d.toISOString());
    if (args.flags.has('--json')) {
      io.out(`${JSON.stringify({ description, nextRuns: runs, command: parsed.line.shellCommand, issues: withText(parsed.issues, lang) }, null, 2)}\n`);
    } else {
      io.out([description, ...runs.map((r) => `  ${r}`), ...parsed.issues.map((i) => formatIssue(i, lang))].join('\n') + '\n');
    }
    return 0;
  },
};
