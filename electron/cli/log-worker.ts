import { closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { GhettoVcbLogParser } from '../core/ghettovcb/log/parser.ts';
import { shiftRunLines } from '../core/ghettovcb/log/run-cuts.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import { runPrinter, type RunPrinter, type RunPrintMode } from './commands/log-print.ts';
import { fileText } from './io.ts';

/**
 * A worker thread of `log parse` on a big file (log-parallel.ts). For each piece of the file it is given it counts
 * the lines, learns how many lines come before the piece, then parses it and prints each run as it ends, without
 * the lead that depends on the run's place among all runs (RunPrinter.split): runs never pile up waiting for the
 * pieces ahead. Started on this module's own URL, which is also where the bundle puts this code, so the same line
 * works from the sources and from out/cli.
 */
export const LOG_WORKER_URL = new URL(import.meta.url);

export interface LogWorkerSetup {
  custodeLogWorker: true;
  path: string;
  mode: RunPrintMode;
  lang: Lang;
}

/** To the worker: piece `id` is bytes [from, to) of the file (whole lines); then the lines before it. */
export type LogWorkerRequest = { piece: { id: number; from: number; to: number } } | { linesBefore: { id: number; lines: number } };

/**
 * From the worker: the lines of a piece, then its printed runs. `heldBack`: a run without any ghettoVCB line was
 * left out (it can only be the input's one run).
 */
export type LogWorkerReply =
  | { counted: { id: number; lines: number } }
  | { printed: { id: number; bodies: string[]; linesCut: number; heldBack: boolean } }
  | { failed: { message: string } };

const READ_BYTES = 1 << 16;

/**
 * Lines in bytes [from, to) of the file; a last line without its newline (at the end of the file) counts. Read a
 * block at a time into one buffer and searched as Latin-1 text (a newline is the same byte either way), which is
 * the cheapest search here; the piece is read again to be parsed, from the page cache, rather than held.
 */
function countLines(path: string, from: number, to: number): number {
  const buf = Buffer.allocUnsafe(READ_BYTES);
  const file = openSync(path, 'r');
  let lines = 0;
  let last = 10;
  try {
    for (let at = from; at < to; ) {
      const n = readSync(file, buf, 0, Math.min(READ_BYTES, to - at), at);
      if (n === 0) break;
      const block = buf.toString('latin1', 0, n);
      for (let nl = block.indexOf('\n'); nl >= 0; nl = block.indexOf('\n', nl + 1)) lines++;
      last = buf[n - 1] ?? 10;
      at += n;
    }
  } finally {
    closeSync(file);
  }
  return last === 10 ? lines : lines + 1;
}

/**
 * The work on pieces of one file, request by request: in a worker thread (below), and on the main thread as one
 * more hand (log-parallel.ts), which saves starting a thread.
 */
export class PieceWork {
  private readonly split: NonNullable<RunPrinter['split']>;
  /** Pieces counted and waiting for the lines before them. */
  private readonly pieces = new Map<number, { from: number; to: number }>();

  private readonly setup: LogWorkerSetup;

  constructor(setup: LogWorkerSetup) {
    this.setup = setup;
    const split = runPrinter(setup.mode, setup.lang).split;
    if (!split) throw new Error(`log mode ${setup.mode} does not print in pieces`);
    this.split = split;
  }

  handle(request: LogWorkerRequest): LogWorkerReply {
    try {
      if ('piece' in request) {
        const { id, from, to } = request.piece;
        this.pieces.set(id, { from, to });
        return { counted: { id, lines: countLines(this.setup.path, from, to) } };
      }
      return this.print(request.linesBefore.id, request.linesBefore.lines);
    } catch (error) {
      return { failed: { message: error instanceof Error ? error.message : String(error) } };
    }
  }

  private print(id: number, linesBefore: number): LogWorkerReply {
    const piece = this.pieces.get(id);
    if (!piece) throw new Error(`log piece ${id} was not given`);
    this.pieces.delete(id);
    const { body } = this.split;
    const bodies: string[] = [];
    let linesCut = 0;
    let heldBack = false;
    const parser = new GhettoVcbLogParser({
      onRun: (run) => {
        linesCut += run.linesCut;
        // As in the serial path (commands/log.ts): a run with no ghettoVCB line can only be the last of the input.
        if (parser.recognizedLines === 0) heldBack = true;
        else bodies.push(body(shiftRunLines(run, linesBefore)));
      },
    });
    for (const chunk of fileText(this.setup.path, piece.from, piece.to)) parser.feed(chunk);
    parser.end();
    return { printed: { id, bodies, linesCut, heldBack } };
  }
}

const setup = workerData as LogWorkerSetup | undefined;
if (!isMainThread && parentPort !== null && setup?.custodeLogWorker === true) {
  const port = parentPort;
  const work = new PieceWork(setup);
  port.on('message', (request: LogWorkerRequest) => port.postMessage(work.handle(request)));
}
