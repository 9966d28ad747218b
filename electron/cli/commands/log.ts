import { explainRun } from '../../core/ghettovcb/log/explain.ts';
import type { LogRun } from '../../core/ghettovcb/log/types.ts';
import type { RunFormat, RunFormatName, RunTally } from '../log-formats.ts';
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
 * the input. A format of RUN_FORMATS (by name) may be printed by threads, a big local file piece by piece
 * (log-pieces.ts); this thread then parses on from where they stopped. `empty` is printed when no run was.
 * Input with no line ghettoVCB wrote gets one sentence on stderr and EXIT_NOT_GHETTOVCB instead of a run.
 */
async function printRuns(io: CliIo, path: string, lang: Lang, format: RunFormatName | RunFormat, empty: string): Promise<number> {
  const formats = await import('../log-formats.ts');
  const name = typeof format === 'string' ? format : null;
  const runFormat = typeof format === 'string' ? formats.RUN_FORMATS[format] : format;
  // One write per run would cost more than parsing it.
  const out = new Utf8Batch((bytes) => io.out(bytes));
  out.add(runFormat.open);
  // Imported apart, so that in every bundle the module the workers load holds no more than they need.
  const threads = name !== null && (await io.isLocalFile?.(path)) === true ? await import('../log-pieces.ts') : null;
  const pieces = threads && name !== null ? await threads.printPieces(path, name, out, threads.pieceSettings(io.env)) : null;
  const offset = pieces?.offset ?? 0;
  const tally: RunTally = pieces?.tally ?? { count: 0, linesCut: 0, heldBack: false };
  const parser = formats.tallyingParser(pieces?.linesBefore ?? 0, offset === 0, tally, (run) => {
    out.add(runFormat.head(tally.count++));
    runFormat.body(run, out);
  });
  for await (const chunk of io.chunks(path, offset)) parser.feed(chunk);
  parser.end();
  if (tally.count === 0 && !tally.heldBack) out.add(empty);
  out.add(runFormat.close);
  out.flush();
  if (tally.linesCut > 0) io.err(`custode: ${text(lang, 'cli.log.linesCut', { count: tally.linesCut })}\n`);
  if (tally.heldBack) {
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
    if (args.flags.has('--json')) return printRuns(io, path, lang, 'json', '');
    if (args.flags.has('--jsonl')) return printRuns(io, path, lang, 'jsonl', '');
    return printRuns(io, path, lang, 'summary', `${text(lang, 'ghettovcb.explain.noRuns')}\n`);
  },

  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { values: ['--lang'] });
    const path = onePath(args.positionals, 'custode log explain <file|-> [--lang it|en]');
    const lang = cliLang(args.flags.get('--lang'), io.env);
    // Its body needs the run's index: printed on this thread, where runs come in order.
    let index = 0;
    const explain: RunFormat = { head: (i) => (i === 0 ? '' : '\n'), body: (run, out) => out.add(explained(run, index++, lang)), open: '', close: '' };
    return printRuns(io, path, lang, explain, `${text(lang, 'ghettovcb.explain.noRuns')}\n`);
  },
};
