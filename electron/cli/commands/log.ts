import { stat } from 'node:fs/promises';
import { GhettoVcbLogParser } from '../../core/ghettovcb/log/parser.ts';
import { text, type Lang } from '../../core/ghettovcb/text.ts';
import { parseArgs } from '../args.ts';
import { readable, UsageError, type CliIo } from '../io.ts';
import { parseInParallel } from '../log-parallel.ts';
import type { CommandGroup } from './group.ts';
import { runPrinter, type RunPrinter, type RunPrintMode } from './log-print.ts';
import { cliLang } from './lang.ts';

/** Exit code of `log parse|explain` when nothing in the input was written by ghettoVCB (README, CLI row). */
export const EXIT_NOT_GHETTOVCB = 4;

/** Output is gathered into writes of this size: one write per run would cost more than parsing it. */
const OUT_BATCH = 64 * 1024;

/**
 * A file at least this big is parsed on several threads when the io offers them (CliIo.parallelism): below it,
 * starting the workers costs more than they save. Pieces are about PIECE_BYTES.
 */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
const PIECE_BYTES = 4 * 1024 * 1024;

function onePath(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`usage: ${usage}`);
  return positionals[0] ?? '-';
}

/** Runs of the input, printed one by one as they end: memory stays that of one run whatever the input's size. */
async function serialRuns(io: CliIo, path: string, { print }: RunPrinter, out: (text: string) => void) {
  const result = { runs: 0, linesCut: 0, heldBack: false };
  const parser = new GhettoVcbLogParser({
    onRun: (run) => {
      result.linesCut += run.linesCut;
      // A run that holds no ghettoVCB line can only be the one and last run: decided after the input ends.
      if (parser.recognizedLines === 0) {
        result.heldBack = true;
        return;
      }
      out(print(run, result.runs++));
    },
  });
  for await (const chunk of io.chunks(path)) parser.feed(chunk);
  parser.end();
  return result;
}

async function bigFile(io: CliIo, path: string, printer: RunPrinter): Promise<boolean> {
  if (path === '-' || (io.parallelism ?? 1) < 2 || !printer.split) return false;
  await readable(path);
  return (await stat(path)).size >= PARALLEL_MIN_BYTES;
}

/**
 * Reads a log and prints its runs; the output is written in batches. Input with no line ghettoVCB wrote gets one
 * sentence on stderr and EXIT_NOT_GHETTOVCB instead of a run.
 */
async function printRuns(io: CliIo, path: string, lang: Lang, mode: RunPrintMode): Promise<number> {
  const printer = runPrinter(mode, lang);
  let buffered = printer.open ?? '';
  const out = (text: string) => {
    buffered += text;
    if (buffered.length >= OUT_BATCH) {
      io.out(buffered);
      buffered = '';
    }
  };
  const result = (await bigFile(io, path, printer))
    ? await parseInParallel(path, mode, lang, printer, { threads: io.parallelism ?? 1, pieceBytes: PIECE_BYTES }, out)
    : await serialRuns(io, path, printer, out);
  if (result.runs === 0 && !printer.open) buffered += result.heldBack ? '' : printer.empty;
  io.out(buffered + (printer.close ?? ''));
  if (result.linesCut > 0) io.err(`custode: ${text(lang, 'cli.log.linesCut', { count: result.linesCut })}\n`);
  if (result.heldBack) {
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
    return printRuns(io, path, lang, args.flags.has('--json') ? 'json' : args.flags.has('--jsonl') ? 'jsonl' : 'summary');
  },

  async explain(argv, io: CliIo) {
    const args = parseArgs(argv, { values: ['--lang'] });
    const path = onePath(args.positionals, 'custode log explain <file|-> [--lang it|en]');
    return printRuns(io, path, cliLang(args.flags.get('--lang'), io.env), 'explain');
  },
};
