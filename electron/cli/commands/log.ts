import { explainRun } from '../../core/ghettovcb/log/explain.ts';
import { GhettoVcbLogParser } from '../../core/ghettovcb/log/parser.ts';
import type { LogRun } from '../../core/ghettovcb/log/types.ts';
import { text, type Lang } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { UsageError, type CliIo } from '../io.ts';
import { Utf8Batch } from '../utf8-batch.ts';
import type { CommandGroup } from './group.ts';
import { printable } from '../printable.ts';
import { cliLang } from './lang.ts';

/** Exit code of `log parse|explain` when nothing in the input was written by ghettoVCB (README, CLI row). */
export const EXIT_NOT_GHETTOVCB = 4;

function onePath(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`usage: ${usage}`);
  return positionals[0] ?? '-';
}

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * The summary of a run, added to `out` in two pieces around its arrow: a string holding `→` is stored two bytes a
 * character, and V8 encodes such a string to UTF-8 several times slower than one of ASCII, which the rest of a
 * summary usually is.
 */
function summary(run: LogRun, index: number, out: Utf8Batch): void {
  const status = run.finalStatus ?? (run.failure ? run.failure.message : run.aborted ? '(no final status: aborted)' : '(in progress)');
  out.add(`run ${index + 1}: ${run.startedAt ?? '?'}`);
  out.add(' → ');
  let rest = `${run.endedAt ?? '?'}  exit ${run.exitCode ?? '?'}${run.dryrun ? '  dryrun' : ''}  ${status}\n`;
  for (const vm of run.vms) {
    const percent = vm.disks.some((d) => d.error !== null || (d.lastPercent !== null && d.lastPercent < 100))
      ? `  disks ${vm.disks.map((d) => `${d.lastPercent ?? '?'}%`).join(',')}`
      : '';
    rest += `${`  ${vm.outcome.padEnd(24)} ${vm.name}  ${duration(vm.durationSeconds)}${percent}`.trimEnd()}\n`;
  }
  out.add(rest);
}

/**
 * A run as JSON between `before` and `after`, added as separate pieces: one string made of the three would be a
 * concatenation that V8 copies flat again to encode it, a run's whole JSON each time.
 */
function jsonRun(before: string, run: LogRun, after: string, out: Utf8Batch): void {
  out.add(before);
  out.add(JSON.stringify(run));
  out.add(after);
}

function explained(run: LogRun, index: number, lang: Lang): string {
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
  return `${lines.join('\n')}\n`;
}

/**
 * Reads a log and prints each run as soon as it ends, so memory stays that of one run whatever the size of
 * the input. `print` adds the text of a run to `out` (its index is 0-based); `open`/`close` wrap the whole output.
 * Input with no line ghettoVCB wrote gets one sentence on stderr and EXIT_NOT_GHETTOVCB instead of a run.
 */
async function printRuns(
  io: CliIo,
  path: string,
  lang: Lang,
  print: (run: LogRun, index: number, out: Utf8Batch) => void,
  frame: { open?: string; close?: string; empty: string },
): Promise<number> {
  // One write per run would cost more than parsing it.
  const out = new Utf8Batch((bytes) => io.out(bytes));
  out.add(frame.open ?? '');
  let count = 0;
  let linesCut = 0;
  let heldBack = false;
  const parser = new GhettoVcbLogParser({
    onRun: (run) => {
      linesCut += run.linesCut;
      // A run that holds no ghettoVCB line can only be the one and last run: decided after the input ends.
      if (parser.recognizedLines === 0) {
        heldBack = true;
        return;
      }
      print(run, count++, out);
    },
  });
  for await (const chunk of io.chunks(path)) parser.feed(chunk);
  parser.end();
  const notGhettoVcb = heldBack;
  if (count === 0 && !frame.open && !notGhettoVcb) out.add(frame.empty);
  out.add(frame.close ?? '');
  out.flush();
  if (linesCut > 0) io.err(`custode: ${text(lang, 'cli.log.linesCut', { count: linesCut })}\n`);
  if (notGhettoVcb) {
    io.err(`custode: ${text(lang, 'cli.log.notGhettoVcb')}\n`);
    return EXIT_NOT_GHETTOVCB;
  }
  return 0;
}

export const logCommands: CommandGroup = {
  async parse(argv, io: CliIo) {
    const args = parseArgs(argv, { booleans: ['--json', '--jsonl'], values: ['--lang'] });
    const usage = 'custode log parse <file|-> [--json | --jsonl] [--lang it|en]';
    const path = onePath(args.positionals, usage);
    if (args.flags.has('--json') && args.flags.has('--jsonl')) throw new UsageError(`usage: ${usage}`);
    const lang = cliLang(args.flags.get('--lang'), io.env);
    const noRuns = `${text(lang, 'ghettovcb.explain.noRuns')}\n`;
    // `--json` is one document `{"runs":[…]}` streamed a run per line; `--jsonl` is one run per line.
    if (args.flags.has('--json')) {
      return printRuns(io, path, lang, (run, i, out) => jsonRun(i === 0 ? '\n' : ',\n', run, '', out), { open: '{"runs":[', close: '\n]}\n', empty: '' });
    }
    if (args.flags.has('--jsonl')) return printRuns(io, path, lang, (run, _i, out) => jsonRun('', run, '\n', out), { empty: '' });
    return printRuns(io, path, lang, summary, { empty: noRuns });
  },

  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { values: ['--lang'] });
    const path = onePath(args.positionals, 'custode log explain <file|-> [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    return printRuns(io, path, lang, (run, i, out) => out.add(`${i === 0 ? '' : '\n'}${explained(run, i, lang)}`), {
      empty: `${text(lang, 'ghettovcb.explain.noRuns')}\n`,
    });
  },
};
