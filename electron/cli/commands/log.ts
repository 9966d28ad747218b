import { explainRun } from '../../core/ghettovcb/log/explain.ts';
import { parseLogChunks } from '../../core/ghettovcb/log/parser.ts';
import type { LogRun } from '../../core/ghettovcb/log/types.ts';
import { text } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { UsageError, type CliIo } from '../io.ts';
import type { CommandGroup } from './group.ts';
import { printable } from '../printable.ts';
import { cliLang } from './lang.ts';

function onePath(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`usage: ${usage}`);
  return positionals[0] ?? '-';
}

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function summary(run: LogRun, index: number): string[] {
  const status = run.finalStatus ?? (run.failure ? run.failure.message : run.aborted ? '(no final status: aborted)' : '(in progress)');
  const lines = [`run ${index + 1}: ${run.startedAt ?? '?'} → ${run.endedAt ?? '?'}  exit ${run.exitCode ?? '?'}${run.dryrun ? '  dryrun' : ''}  ${status}`];
  for (const vm of run.vms) {
    const percent = vm.disks.some((d) => d.error !== null || (d.lastPercent !== null && d.lastPercent < 100))
      ? `  disks ${vm.disks.map((d) => `${d.lastPercent ?? '?'}%`).join(',')}`
      : '';
    lines.push(`  ${vm.outcome.padEnd(24)} ${vm.name}  ${duration(vm.durationSeconds)}${percent}`.trimEnd());
  }
  return lines;
}

export const logCommands: CommandGroup = {
  async parse(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json'] });
    const path = onePath(args.positionals, 'custode log parse <file|-> [--json]');
    const result = await parseLogChunks(io.chunks(path));
    if (args.flags.has('--json')) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else io.out(result.runs.length === 0 ? 'no ghettoVCB run in this file\n' : `${result.runs.flatMap(summary).join('\n')}\n`);
    return 0;
  },

  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { values: ['--lang'] });
    const path = onePath(args.positionals, 'custode log explain <file|-> [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const result = await parseLogChunks(io.chunks(path));
    if (result.runs.length === 0) {
      io.out(`${text(lang, 'ghettovcb.explain.noRuns')}\n`);
      return 0;
    }
    const blocks = result.runs.map((run, index) => {
      const e = explainRun(run, index, lang);
      // Names, reasons and statuses are the log's own text: printable, so they cannot drive the terminal.
      const lines = [printable(e.title), printable(e.status), ...e.notes.map((n) => `! ${printable(n)}`)];
      if (e.vms.length === 0) lines.push(text(lang, 'ghettovcb.explain.noVms'));
      for (const vm of e.vms) {
        lines.push('', `• ${printable(vm.name)}: ${vm.label}`);
        // For a disk failure the reason is the disk error, printed with its hint just below.
        if (vm.reason && vm.diskErrors.length === 0) lines.push(`  ${text(lang, 'ghettovcb.explain.reason')}: ${printable(vm.reason)}`);
        for (const d of vm.diskErrors) lines.push(`  ${printable(d)}`);
        if (vm.outcome !== 'ok') lines.push(`  ${text(lang, 'ghettovcb.explain.why')}: ${vm.explanation}`, `  ${text(lang, 'ghettovcb.explain.fix')}: ${vm.fix}`);
      }
      return lines.join('\n');
    });
    io.out(`${blocks.join('\n\n')}\n`);
    return 0;
  },
};
