/**
 * A big log parsed on several threads: this one and workers. This thread reads the file piece by piece, each piece
 * about a MB cut at a run boundary (`lastRunCut`); it hands a piece to every worker with room for one, telling it
 * how many lines came before (line numbers count from the start of the log), and parses the next piece itself
 * while they are busy. The pieces' text is written in order, each run after the head its place in the whole log
 * gives it: byte for byte what one parser prints, in the memory of the pieces in flight.
 * This same module is the workers' entry: loaded as one, it serves pieces instead.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { lastRunCut } from '../core/ghettovcb/log/run-cuts.ts';
import { RUN_FORMATS, tallyingParser, type RunFormat, type RunFormatName, type RunTally, type TextSink } from './log-formats.ts';
import type { Utf8Batch } from './utf8-batch.ts';

const ROLE = 'custode-log-pieces';
/** A worker's first message: loaded, it takes pieces from now on. */
const READY = 'ready';
const MB = 1024 * 1024;
/** A run longer than this many pieces (a piece with no cut): the rest of the log is parsed on this thread. */
const LONGEST_PIECE = 8;
/** Pieces a worker holds: one it parses, the next one waiting, so that it never waits for this thread. */
const WORKER_QUEUE = 2;
/**
 * Pieces parsed and not yet written, at most: enough for this thread to go on while a worker parses its first
 * pieces, slowly, before V8 has compiled the parser for it; few, as JSON text is about as long as the log.
 */
const PENDING_PIECES = 4;
/** Text handed to a parser at a time: young, short-lived strings, as when a file is read. */
const DECODE_BYTES = 64 * 1024;
/**
 * A worker's young generation: V8 would let it grow to 48 MB a thread, most of the memory a worker adds; below
 * 16 MB, collecting it more often costs more time than it saves memory.
 */
const YOUNG_MB = 16;

/** A piece to parse: whole lines of the log, how many came before them, and a buffer to print into, if any. */
interface PieceJob {
  index: number;
  bytes: ArrayBuffer;
  length: number;
  linesBefore: number;
  first: boolean;
  spare: ArrayBuffer | null;
}

/** The runs' printed text, where each run's text ends in it, what the caller sums, and the job's bytes back. */
interface PieceResult {
  index: number;
  text: ArrayBuffer;
  length: number;
  ends: Uint32Array;
  lines: number;
  linesCut: number;
  heldBack: boolean;
  input: ArrayBuffer;
}


export interface PieceSettings {
  /** Threads, this one included. */
  threads: number;
  pieceBytes: number;
  /** The smallest file parsed on several threads. */
  fromBytes: number;
  /** This thread starts once every worker is ready, so that even a small file is spread over all (tests). */
  workersFirst?: boolean;
  /** The module workers run (tests: one that cannot start); this one by default. */
  workerModule?: URL;
}

/**
 * A worker costs this thread about 0.3 s of CPU here (its start, and V8 compiling the parser again for it), which
 * a log of about 100 MB pays back.
 */
const THREADS_FROM_BYTES = 128 * MB;

/**
 * The settings for `env`: CUSTODE_LOG_THREADS (1: this thread alone; one a core by default, 8 at most), and for
 * tests CUSTODE_LOG_PIECE_BYTES (small pieces, threads for a file of four of them, every worker ready first).
 */
export function pieceSettings(env: Readonly<Record<string, string | undefined>>): PieceSettings {
  const threads = Number.parseInt(env.CUSTODE_LOG_THREADS ?? '', 10);
  const pieceBytes = Number.parseInt(env.CUSTODE_LOG_PIECE_BYTES ?? '', 10);
  const small = Number.isSafeInteger(pieceBytes) && pieceBytes >= 1024;
  return {
    threads: Number.isSafeInteger(threads) && threads >= 1 ? Math.min(threads, 16) : Math.min(availableParallelism(), 8),
    pieceBytes: small ? pieceBytes : MB,
    fromBytes: small ? 4 * pieceBytes : THREADS_FROM_BYTES,
    workersFirst: small,
  };
}

/** Output bytes of one piece, grown as runs are added. */
class ByteSink implements TextSink {
  buf: Buffer;
  length = 0;

  constructor(spare: ArrayBuffer | null, size: number) {
    this.buf = spare !== null && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(Math.max(size, 1024));
  }

  add(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const room = this.length + text.length * 3;
    if (room > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(room, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(text, this.length, 'utf8');
  }
}

/** Parses a piece as a parser that read the log up to it would go on, and prints each run's body. */
function parsePiece(job: PieceJob, format: RunFormat): PieceResult {
  const bytes = Buffer.from(job.bytes, 0, job.length);
  // Room for text a little longer than the log, as JSON is.
  const sink = new ByteSink(job.spare, job.length + (job.length >> 2));
  const ends: number[] = [];
  const tally: RunTally = { count: 0, linesCut: 0, heldBack: false };
  const parser = tallyingParser(job.linesBefore, job.first, tally, (run) => {
    format.body(run, sink);
    ends.push(sink.length);
  });
  // A piece is whole lines: its text is cut where a UTF-8 character starts (a byte not 10xxxxxx).
  for (let at = 0; at < bytes.length; ) {
    let end = Math.min(at + DECODE_BYTES, bytes.length);
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end++;
    parser.feed(bytes.toString('utf8', at, end));
    at = end;
  }
  parser.end();
  const text = sink.buf.buffer as ArrayBuffer;
  const lines = parser.linesRead - job.linesBefore;
  return { index: job.index, text, length: sink.length, ends: Uint32Array.from(ends), lines, linesCut: tally.linesCut, heldBack: tally.heldBack, input: job.bytes };
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === ROLE) {
  const format = RUN_FORMATS[(workerData as { format: RunFormatName }).format];
  parentPort?.on('message', (job: PieceJob) => {
    const result = parsePiece(job, format);
    parentPort?.postMessage(result, [result.text, result.ends.buffer as ArrayBuffer, result.input]);
  });
  parentPort?.postMessage(READY);
}

/** Fills `buf` from `from` on with the file's bytes from `position`; fewer only at the end of the file. */
function readAt(fd: number, buf: Buffer, from: number, position: number): number {
  let got = from;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got - from);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function countLines(buf: Buffer, length: number): number {
  let lines = 0;
  for (let at = buf.indexOf(10); at >= 0 && at < length; at = buf.indexOf(10, at + 1)) lines++;
  return lines;
}

/** A piece of the file: `length` bytes of `buf` from `start`; `last` when it reaches the end of the file. */
interface Piece {
  buf: Buffer;
  length: number;
  start: number;
  last: boolean;
}

/**
 * Reads the file piece by piece, each one cut at its last run cut, into buffers of `pieceBytes` used again once
 * parsed: what follows the cut is carried to the next piece, so every byte is read once, and no page of a new
 * buffer is faulted in for each piece.
 */
class PieceReader {
  private readonly fd: number;
  private readonly pieceBytes: number;
  private readonly free: ArrayBuffer[] = [];
  private readonly carry: Buffer;
  private carried = 0;
  private position = 0;

  constructor(fd: number, pieceBytes: number) {
    this.fd = fd;
    this.pieceBytes = pieceBytes;
    this.carry = Buffer.allocUnsafeSlow(pieceBytes);
  }

  /** A buffer parsed. */
  giveBack(bytes: ArrayBuffer): void {
    if (bytes.byteLength === this.pieceBytes) this.free.push(bytes);
  }

  /** The next piece; null when a run goes on for LONGEST_PIECE pieces (nothing is read then). */
  next(): Piece | null {
    const start = this.position - this.carried;
    let buf = Buffer.from(this.free.pop() ?? new ArrayBuffer(this.pieceBytes));
    this.carry.copy(buf, 0, 0, this.carried);
    let length = readAt(this.fd, buf, this.carried, this.position);
    for (;;) {
      if (length < buf.length) return this.cut(buf, length, start, length, true);
      const cut = lastRunCut(buf, length);
      if (cut > 0) return this.cut(buf, length, start, cut, false);
      if (buf.length >= LONGEST_PIECE * this.pieceBytes) return null;
      // No cut yet: one run fills the buffer.
      const grown = Buffer.allocUnsafeSlow(buf.length * 2);
      buf.copy(grown);
      length = readAt(this.fd, grown, buf.length, start + buf.length);
      buf = grown;
    }
  }

  private cut(buf: Buffer, length: number, start: number, cut: number, last: boolean): Piece {
    this.position = start + length;
    this.carried = length - cut;
    buf.copy(this.carry, 0, cut, length);
    return { buf, length: cut, start, last };
  }
}

/** Writes pieces' text in order as it comes, each run after its head. */
class InOrder {
  private readonly waiting = new Map<number, PieceResult>();
  private readonly format: RunFormat;
  private readonly out: Utf8Batch;
  private next = 0;
  readonly tally: RunTally = { count: 0, linesCut: 0, heldBack: false };
  /** Buffers of text written out, to print into again. */
  readonly spares: ArrayBuffer[] = [];

  constructor(format: RunFormat, out: Utf8Batch) {
    this.format = format;
    this.out = out;
  }

  /** Pieces handed out and not yet written. */
  pending(handedOut: number): number {
    return handedOut - this.next;
  }

  take(result: PieceResult): void {
    this.waiting.set(result.index, result);
    for (let r = this.waiting.get(this.next); r !== undefined; r = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next++;
      this.write(r);
    }
  }

  private write(r: PieceResult): void {
    const bytes = Buffer.from(r.text, 0, r.length);
    let from = 0;
    for (const end of r.ends) {
      this.out.add(this.format.head(this.tally.count++));
      this.out.addBytes(bytes.subarray(from, end));
      from = end;
    }
    this.tally.linesCut += r.linesCut;
    this.tally.heldBack ||= r.heldBack;
    // `addBytes` copied the text.
    this.spares.push(r.text);
  }
}

/** What `printPieces` did, and where this thread goes on alone. */
export interface PiecesDone {
  tally: RunTally;
  /** Where this thread parses on, with `linesBefore` lines before. */
  offset: number;
  linesBefore: number;
  /** Pieces, and how many of them workers parsed (the rest, this thread). */
  pieces: number;
  onWorkers: number;
}

/**
 * Prints the runs of the log at `path` piece by piece into `out`, with `threads - 1` workers. Returns what was
 * printed and where this thread should go on parsing on its own (`offset`, with `linesBefore` lines before it): the
 * end the file had, or the start of a run too long to cut. null when the file is too small to be worth threads, or
 * there is one.
 */
export async function printPieces(
  path: string,
  formatName: RunFormatName,
  out: Utf8Batch,
  settings: PieceSettings,
): Promise<PiecesDone | null> {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (settings.threads < 2 || !stat.isFile() || stat.size < Math.max(settings.fromBytes, 4 * settings.pieceBytes)) return null;
    const format = RUN_FORMATS[formatName];
    const reader = new PieceReader(fd, settings.pieceBytes);
    const order = new InOrder(format, out);
    const workers = Array.from(
      { length: settings.threads - 1 },
      () => new Worker(settings.workerModule ?? new URL(import.meta.url), { workerData: { role: ROLE, format: formatName }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }),
    );
    const held = workers.map(() => 0);
    // Until a worker is ready, this thread parses on; one that could not start, or stopped with nothing in hand, is
    // left out, and this thread parses what it would have.
    const ready = workers.map(() => false);
    const lost = workers.map(() => false);
    let wake: (() => void) | null = null;
    let failure: unknown = null;
    const settle = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    workers.forEach((worker, i) => {
      worker.on('message', (result: PieceResult | typeof READY) => {
        if (result === READY) {
          ready[i] = true;
          settle();
          return;
        }
        held[i]!--;
        reader.giveBack(result.input);
        order.take(result);
        settle();
      });
      // Gone with pieces in hand (killed, out of memory): they will not come back.
      const gone = (why: () => unknown) => {
        lost[i] = true;
        if (held[i]! > 0) failure ??= why();
        settle();
      };
      worker.on('error', (error) => gone(() => error));
      worker.on('exit', (code) => gone(() => new Error(`log parse: a worker thread stopped (exit code ${code}) before it was done`)));
    });
    let handedOut = 0;
    let onWorkers = 0;
    let linesBefore = 0;
    let offset = 0;
    try {
      while (failure === null && settings.workersFirst === true && !ready.every((r, i) => r || lost[i])) await new Promise<void>((resolve) => (wake = resolve));
      for (;;) {
        while (failure === null && order.pending(handedOut) >= PENDING_PIECES) await new Promise<void>((resolve) => (wake = resolve));
        if (failure !== null) throw failure;
        const piece = reader.next();
        if (piece === null) break;
        const spare = order.spares.pop() ?? null;
        const job: PieceJob = { index: handedOut++, bytes: piece.buf.buffer as ArrayBuffer, length: piece.length, linesBefore, first: piece.start === 0, spare };
        const w = held.findIndex((n, i) => ready[i] && !lost[i] && n < WORKER_QUEUE);
        if (w >= 0) {
          held[w]!++;
          onWorkers++;
          linesBefore += countLines(piece.buf, piece.length);
          workers[w]!.postMessage(job, spare === null ? [job.bytes] : [job.bytes, spare]);
        } else {
          const result = parsePiece(job, format);
          linesBefore += result.lines;
          reader.giveBack(result.input);
          order.take(result);
          // What the workers sent meanwhile.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        offset = piece.start + piece.length;
        if (piece.last) break;
      }
      while (failure === null && order.pending(handedOut) > 0) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== null) throw failure;
      return { tally: order.tally, offset, linesBefore, pieces: handedOut, onWorkers };
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  } finally {
    closeSync(fd);
  }
}
