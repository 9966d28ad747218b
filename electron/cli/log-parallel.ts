import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CUT_CONTEXT, findCut } from '../core/ghettovcb/log/run-cuts.ts';
import type { Lang } from '../core/ghettovcb/text.ts';
import type { RunPrinter, RunPrintMode } from './commands/log-print.ts';
import { LOG_WORKER_URL, PieceWork, type LogWorkerReply, type LogWorkerRequest, type LogWorkerSetup } from './log-worker.ts';

/**
 * `log parse` of a big file on several threads. The file is cut where runs split cleanly (run-cuts.ts), about every
 * `pieceBytes`; each hand (this thread and `threads - 1` workers) counts its piece's lines, learns the lines before
 * it, and prints its runs; here the pieces are written in order with each run's lead (RunPrinter.split). The text is the one a single parser reading
 * the whole file prints. At most `2 × threads` pieces are in hand at once, so memory does not grow with the file.
 */
export interface ParallelOptions {
  /** Threads in all, this one included. */
  threads: number;
  pieceBytes: number;
}

export interface ParallelResult {
  /** Runs printed. */
  runs: number;
  linesCut: number;
  /** The input's one run held no line ghettoVCB wrote (commands/log.ts explains). */
  heldBack: boolean;
  /** Pieces the file was cut into. */
  pieces: number;
}

const WINDOW_BYTES = 1 << 16;

/** The first cut at or after `from`, or the size of the file when there is none. */
function nextCut(file: number, from: number, size: number): number {
  const buf = Buffer.allocUnsafe(WINDOW_BYTES);
  // Windows overlap by CUT_CONTEXT, so every candidate is judged once with all the bytes it needs.
  for (let base = Math.max(0, from - CUT_CONTEXT); base < size; base += WINDOW_BYTES - CUT_CONTEXT) {
    const n = readSync(file, buf, 0, Math.min(WINDOW_BYTES, size - base), base);
    if (n === 0) break;
    const cut = findCut(buf.subarray(0, n), base, from);
    if (cut >= 0) return cut;
  }
  return size;
}

/** A pair of hands: a worker thread, or this thread's own PieceWork answering on a later turn of the event loop. */
interface Hand {
  send(request: LogWorkerRequest): void;
}

interface Piece {
  hand: Hand;
  lines: number | null;
  bodies: string[] | null;
}

export function parseInParallel(path: string, mode: RunPrintMode, lang: Lang, printer: RunPrinter, options: ParallelOptions, out: (text: string) => void): Promise<ParallelResult> {
  const split = printer.split;
  if (!split) return Promise.reject(new Error(`log mode ${mode} does not print in pieces`));
  const file = openSync(path, 'r');
  // The file as it is now: a log still being written is read up to here, as a snapshot.
  const size = fstatSync(file).size;
  const setup: LogWorkerSetup = { custodeLogWorker: true, path, mode, lang };
  const workers = Array.from({ length: Math.max(0, options.threads - 1) }, () => new Worker(LOG_WORKER_URL, { workerData: setup }));
  const result: ParallelResult = { runs: 0, linesCut: 0, heldBack: false, pieces: 0 };
  const pieces: Piece[] = [];
  const hands: Hand[] = [];
  const idle: Hand[] = [];
  let next = 0; // where the next piece starts
  let counted = 0; // the first piece not yet told the lines before it
  let lines = 0;
  let written = 0; // the first piece not yet written out

  return new Promise<ParallelResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      closeSync(file);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(result);
    };
    function handOut(): void {
      while (idle.length > 0 && next < size && pieces.length - written < 2 * hands.length) {
        const hand = idle.shift() as Hand;
        const from = next;
        next = from + options.pieceBytes >= size ? size : nextCut(file, from + options.pieceBytes, size);
        hand.send({ piece: { id: pieces.length, from, to: next } });
        pieces.push({ hand, lines: null, bodies: null });
        result.pieces++;
      }
      if (next >= size && written === pieces.length) finish(null);
    }

    function onCounted(id: number, count: number): void {
      (pieces[id] as Piece).lines = count;
      for (let p = pieces[counted]; p !== undefined && p.lines !== null; p = pieces[counted]) {
        p.hand.send({ linesBefore: { id: counted, lines } });
        lines += p.lines;
        counted++;
      }
    }

    function onPrinted(reply: Extract<LogWorkerReply, { printed: unknown }>['printed'], hand: Hand): void {
      (pieces[reply.id] as Piece).bodies = reply.bodies;
      result.linesCut += reply.linesCut;
      result.heldBack ||= reply.heldBack;
      idle.push(hand);
      for (let p = pieces[written]; p !== undefined && p.bodies !== null; p = pieces[written]) {
        for (const body of p.bodies) out(split?.lead(result.runs++) + body);
        p.bodies = [];
        written++;
      }
    }

    function onReply(reply: LogWorkerReply, hand: Hand): void {
      if (settled) return;
      if ('failed' in reply) return finish(new Error(reply.failed.message));
      if ('counted' in reply) onCounted(reply.counted.id, reply.counted.lines);
      else onPrinted(reply.printed, hand);
      handOut();
    }

    for (const worker of workers) {
      const hand: Hand = { send: (request) => worker.postMessage(request) };
      worker.on('message', (reply: LogWorkerReply) => onReply(reply, hand));
      worker.on('error', finish);
      worker.on('exit', (code) => {
        if (code !== 0) finish(new Error(`log worker exited with code ${code}`));
      });
      hands.push(hand);
    }
    const local = new PieceWork(setup);
    const own: Hand = { send: (request) => void setImmediate(() => onReply(local.handle(request), own)) };
    hands.push(own);
    idle.push(...hands);
    try {
      handOut();
    } catch (error) {
      finish(error as Error);
    }
  });
}
