import { parseConf, confValues } from '../../core/ghettovcb/conf/parse.ts';
import { validateConf } from '../../core/ghettovcb/conf/validate.ts';
import { esxiMajor } from '../../core/ghettovcb/versions.ts';
import { parseArgs } from '../args.ts';
import { words } from '../file-words.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { formatIssue, withText } from './issues.ts';
import { cliLang } from './lang.ts';

export const confCommands: CommandGroup = {
  async check(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json', '--per-vm'], values: ['--esxi', '--lang'] });
    if (args.positionals.length !== 1) throw UsageError.of('cli.error.usage', { usage: 'custode conf check <file> [--json] [--per-vm] [--esxi <version>] [--lang it|en]' });
    const path = args.positionals[0] ?? '';
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const esxi = args.flags.get('--esxi');
    const major = typeof esxi === 'string' ? esxiMajor(esxi) : undefined;
    if (major === null) throw UsageError.of('cli.error.esxiVersion', { value: String(esxi) });
    const doc = parseConf(await io.readText(path));
    const issues = validateConf(doc, { role: args.flags.has('--per-vm') ? 'perVm' : 'global', ...(major !== undefined ? { esxiMajor: major } : {}) });
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (args.flags.has('--json')) {
      const values = Object.fromEntries([...confValues(doc)].map(([k, v]) => [k, v.value]));
      io.out(`${JSON.stringify({ file: path, values, issues: withText(issues, lang) }, null, 2)}\n`);
    } else {
      const lines = issues.map((i) => formatIssue(i, lang, path));
      lines.push(words(lang, 'cli.conf.summary', { file: path, errors, warnings: issues.length - errors }));
      io.out(`${lines.join('\n')}\n`);
    }
    // Scripts gate on the exit code: a conf that ghettoVCB would mishandle is not "done".
    return errors > 0 ? 1 : 0;
  },
};
