import { GhettoVcbLogParser } from '../core/ghettovcb/log/parser.ts';
import type { LogRun } from '../core/ghettovcb/log/types.ts';

/** Where a format adds its text: Utf8Batch on the way to stdout, a piece's bytes on a parsing thread. */
export interface TextSink {
  add(text: string): void;
}

/**
 * How `log parse` prints runs: the text before each run, which only its 0-based index decides, then the run itself.
 * They are apart so that threads parsing pieces of one log print runs without knowing how many came before
 * (log-pieces.ts); `open`/`close` wrap the whole output.
 */
export interface RunFormat {
  head(index: number): string;
  body(run: LogRun, out: TextSink): void;
  open: string;
  close: string;
}

export type RunFormatName = 'summary' | 'json' | 'jsonl';

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * The summary of a run after its `run N: `, added in two pieces around its arrow: a string holding `→` is stored two
 * bytes a character, and V8 encodes such a string to UTF-8 several times slower than one of ASCII, which the rest
 * of a summary usually is.
 */
function summary(run: LogRun, out: TextSink): void {
  const status = run.finalStatus ?? (run.failure ? run.failure.message : run.aborted ? '(no final status: aborted)' : '(in progress)');
  out.add(run.startedAt ?? '?');
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

/** One run as JSON, added apart from what surrounds it: one string of both would be copied flat again to encode it. */
function json(run: LogRun, out: TextSink): void {
  out.add(JSON.stringify(run));
}

export const RUN_FORMATS: Readonly<Record<RunFormatName, RunFormat>> = {
  summary: { head: (i) => `run ${i + 1}: `, body: summary, open: '', close: '' },
  // One document `{"runs":[…]}`, streamed a run per line.
  json: { head: (i) => (i === 0 ? '\n' : ',\n'), body: json, open: '{"runs":[', close: '\n]}\n' },
  jsonl: {
    head: () => '',
    body: (run, out) => {
      json(run, out);
      out.add('\n');
    },
    open: '',
    close: '',
  },
};

export interface RunTally {
  /** Runs printed. */
  count: number;
  linesCut: number;
  /** A run that holds no line ghettoVCB wrote was not printed (the input is no ghettoVCB log). */
  heldBack: boolean;
}

/**
 * A parser of text that follows `linesBefore` lines of the log, handing each run to `print` and adding it to
 * `tally`, as `log parse` does on whichever thread parses the text. A run that holds no line ghettoVCB wrote can only
 * be the one and last run of a log: it is held back, not printed, when the text is the log's start (`first`).
 */
export function tallyingParser(linesBefore: number, first: boolean, tally: RunTally, print: (run: LogRun) => void): GhettoVcbLogParser {
  const parser = new GhettoVcbLogParser({
    linesBefore,
    onRun: (run) => {
      tally.linesCut += run.linesCut;
      if (first && parser.recognizedLines === 0) {
        tally.heldBack = true;
        return;
      }
      print(run);
    },
  });
  return parser;
}
