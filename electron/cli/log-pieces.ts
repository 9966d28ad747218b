/**
 * A big log parsed on several threads. This thread cuts the file at run boundaries (`nextRunCut`) into pieces of a
 * few MB; workers read, parse and print them; this thread writes their text in order, each run after the head its
 * place in the whole log gives it. Output is byte for byte what one parser gives; memory is that of the pieces in
 * flight. This same module is the workers' entry: loaded as one, it serves pieces instead.
 *
 * Line numbers count from the start of the log, so a piece's parser must know how many lines came before it: each
 * worker counts its piece's lines first and hands the sum on to the next piece through shared memory (`LineChain`).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { GhettoVcbLogParser } from '../core/ghettovcb/log/parser.ts';
import { nextRunCut } from '../core/ghettovcb/log/run-cuts.ts';
import { RUN_FORMATS, type RunFormat, type RunFormatName, type TextSink } from './log-formats.ts';
import type { Utf8Batch } from './utf8-batch.ts';

const ROLE = 'custode-log-pieces';
const MB = 1024 * 1024;
/** A piece with no cut in this many times its size past it (a run that long): the rest is parsed on this thread. */
const LONGEST_PIECE = 8;
/** Bytes read at a time while looking for a cut; the lines before a cut are looked for in the last KB before them. */
const SEARCH_BYTES = 256 * 1024;
const LOOK_BACK = 4096;
/** Text handed to a parser at a time: young, short-lived strings, as when a file is read. */
const DECODE_BYTES = 64 * 1024;
/**
 * A worker's young generation: V8 would let it grow to 48 MB a thread, which is most of the memory two workers
 * add; below 16 MB a thread, collecting it more often costs more time than it saves memory.
 */
const YOUNG_MB = 16;
/** Places in the line chain: more than pieces can be in flight (two a worker, 16 workers at most). */
const SLOTS = 64;

/** What a worker is started with. */
interface WorkerSetup {
  role: typeof ROLE;
  format: RunFormatName;
  path: string;
  chain: SharedArrayBuffer;
}

/** A piece to parse: bytes `start` to `end` of the file, and a buffer to print into (text written out since), if any. */
interface PieceJob {
  index: number;
  start: number;
  end: number;
  first: boolean;
  spare: ArrayBuffer | null;
}

/** What comes back: the runs' printed text, where each run's text ends in it, and what the caller sums. */
interface PieceResult {
  index: number;
  text: ArrayBuffer;
  length: number;
  ends: Uint32Array;
  lines: number;
  linesCut: number;
  heldBack: boolean;
}

export interface RunTally {
  /** Runs printed. */
  count: number;
  linesCut: number;
  /** A run that holds no line ghettoVCB wrote was not printed (the input is no ghettoVCB log). */
  heldBack: boolean;
}

/** Threads and piece size for `env`: CUSTODE_LOG_THREADS (1 parses on this thread alone), CUSTODE_LOG_PIECE_BYTES. */
export function pieceSettings(env: Readonly<Record<string, string | undefined>>): { threads: number; pieceBytes: number } {
  const threads = Number.parseInt(env.CUSTODE_LOG_THREADS ?? '', 10);
  const pieceBytes = Number.parseInt(env.CUSTODE_LOG_PIECE_BYTES ?? '', 10);
  return {
    threads: Number.isSafeInteger(threads) && threads >= 1 ? Math.min(threads, 16) : Math.min(availableParallelism(), 8),
    pieceBytes: Number.isSafeInteger(pieceBytes) && pieceBytes >= 1024 ? pieceBytes : 4 * MB,
  };
}

/**
 * Lines before each piece, in shared memory: piece `k` waits for its place to say `k + 1`, reads the lines before
 * it, and puts its own sum at place `k + 1`. A piece counts its lines before it waits, and pieces start in order,
 * so the wait is for another thread's count, never for its parse. `stop` ends every wait (a worker failed).
 */
class LineChain {
  private readonly ready: Int32Array;
  private readonly lines: Float64Array;

  constructor(shared: SharedArrayBuffer) {
    this.ready = new Int32Array(shared, 0, SLOTS + 1);
    this.lines = new Float64Array(shared, 8 * (SLOTS + 1), SLOTS);
  }

  static memory(): SharedArrayBuffer {
    const shared = new SharedArrayBuffer(8 * (SLOTS + 1) + 8 * SLOTS);
    new LineChain(shared).pass(0, 0);
    return shared;
  }

  /** The lines before piece `index`, once the piece before it has said. */
  before(index: number): number {
    const slot = index % SLOTS;
    for (let seen = Atomics.load(this.ready, slot); seen !== index + 1; seen = Atomics.load(this.ready, slot)) {
      if (Atomics.load(this.ready, SLOTS) !== 0) throw new Error('log pieces: stopped');
      Atomics.wait(this.ready, slot, seen, 100);
    }
    return this.lines[slot] ?? 0;
  }

  /** Says that `lines` lines come before piece `index`. */
  pass(index: number, lines: number): void {
    const slot = index % SLOTS;
    this.lines[slot] = lines;
    Atomics.store(this.ready, slot, index + 1);
    Atomics.notify(this.ready, slot);
  }

  stop(): void {
    Atomics.store(this.ready, SLOTS, 1);
  }
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

/** A worker: reads each piece it is given into one buffer, kept from piece to piece, and parses it. */
class PieceParser {
  private readonly fd: number;
  private readonly format: RunFormat;
  private readonly chain: LineChain;
  private buf = Buffer.alloc(0);

  constructor(setup: WorkerSetup) {
    this.fd = openSync(setup.path, 'r');
    this.format = RUN_FORMATS[setup.format];
    this.chain = new LineChain(setup.chain);
  }

  /** Parses a piece as a parser that read the log up to it would go on, and prints each run's body. */
  parse(job: PieceJob): PieceResult {
    const size = job.end - job.start;
    // With room to spare: pieces differ in size by up to a run.
    if (this.buf.length < size) this.buf = Buffer.allocUnsafeSlow(size + (size >> 2));
    const bytes = this.buf.subarray(0, readAt(this.fd, this.buf.subarray(0, size), 0, job.start));
    const lines = countLines(bytes, bytes.length);
    const linesBefore = this.chain.before(job.index);
    this.chain.pass(job.index + 1, linesBefore + lines);
    const sink = new ByteSink(job.spare, size + (size >> 2));
    const ends: number[] = [];
    let linesCut = 0;
    let heldBack = false;
    const parser = new GhettoVcbLogParser({
      linesBefore,
      onRun: (run) => {
        linesCut += run.linesCut;
        // As `log parse` on one thread: only the first piece holds the log's first line, and a run with no line
        // ghettoVCB wrote before it can only be the first and last one.
        if (job.first && parser.recognizedLines === 0) {
          heldBack = true;
          return;
        }
        this.format.body(run, sink);
        ends.push(sink.length);
      },
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
    return { index: job.index, text, length: sink.length, ends: Uint32Array.from(ends), lines, linesCut, heldBack };
  }
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.role === ROLE) {
  const pieces = new PieceParser(workerData as WorkerSetup);
  parentPort?.on('message', (job: PieceJob) => {
    const result = pieces.parse(job);
    parentPort?.postMessage(result, [result.text, result.ends.buffer as ArrayBuffer]);
  });
}

/** Finds the cuts of a file: where each piece ends. */
class CutFinder {
  private readonly fd: number;
  private readonly size: number;
  private readonly buf = Buffer.allocUnsafeSlow(SEARCH_BYTES);

  constructor(fd: number, size: number) {
    this.fd = fd;
    this.size = size;
  }

  /** The first cut at or after `from`, the size of the file when it ends first, -1 when none comes within `limit`. */
  after(from: number, limit: number): number {
    for (let at = from; at < from + limit; at += SEARCH_BYTES - LOOK_BACK) {
      if (at >= this.size) return this.size;
      const start = Math.max(0, at - LOOK_BACK);
      const length = readAt(this.fd, this.buf, 0, start);
      const cut = nextRunCut(this.buf.subarray(0, length), at - start);
      if (cut >= 0) return start + cut < from + limit ? start + cut : -1;
      if (start + length >= this.size) return this.size;
    }
    return -1;
  }
}

/** Writes pieces' text in order as it comes back, each run after its head. */
class InOrder {
  private readonly waiting = new Map<number, PieceResult>();
  private readonly format: RunFormat;
  private readonly out: Utf8Batch;
  private next = 0;
  readonly tally: RunTally = { count: 0, linesCut: 0, heldBack: false };
  lines = 0;
  /** Buffers of text written out, for workers to print into again. */
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
    this.lines += r.lines;
    this.tally.linesCut += r.linesCut;
    this.tally.heldBack ||= r.heldBack;
    // `addBytes` copied the text.
    this.spares.push(r.text);
  }
}

/**
 * Prints the runs of the log at `path` from workers, piece by piece, into `out`. Returns what was printed and where
 * this thread should go on parsing on its own (`offset`, with `linesBefore` lines before it): the end the file had,
 * or the start of a run too long to cut. null when the file is too small to be worth threads or there is one.
 */
export async function printPieces(
  path: string,
  formatName: RunFormatName,
  out: Utf8Batch,
  settings: { threads: number; pieceBytes: number },
): Promise<{ tally: RunTally; offset: number; linesBefore: number } | null> {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (settings.threads < 2 || !stat.isFile() || stat.size < 4 * settings.pieceBytes) return null;
    const cuts = new CutFinder(fd, stat.size);
    const order = new InOrder(RUN_FORMATS[formatName], out);
    const chainMemory = LineChain.memory();
    const setup: WorkerSetup = { role: ROLE, format: formatName, path, chain: chainMemory };
    const workers = Array.from({ length: settings.threads }, () => new Worker(new URL(import.meta.url), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }));
    const idle = [...workers];
    let wake: (() => void) | null = null;
    let failure: unknown = null;
    const settle = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    for (const worker of workers) {
      worker.on('message', (result: PieceResult) => {
        idle.push(worker);
        order.take(result);
        settle();
      });
      worker.on('error', (error) => {
        failure ??= error;
        settle();
      });
    }
    let handedOut = 0;
    /** Until a worker is idle and output waiting to be written stays within two pieces a worker. */
    const waitFor = async (ready: () => boolean) => {
      while (failure === null && !ready()) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== null) throw failure;
    };
    try {
      let start = 0;
      while (start < stat.size) {
        const end = cuts.after(start + settings.pieceBytes, LONGEST_PIECE * settings.pieceBytes);
        if (end < 0) break;
        // A piece a worker is ready for, so that pieces start in the order of the line chain.
        await waitFor(() => idle.length > 0 && order.pending(handedOut) < 2 * workers.length);
        const spare = order.spares.pop() ?? null;
        const job: PieceJob = { index: handedOut++, start, end, first: start === 0, spare };
        idle.pop()?.postMessage(job, spare === null ? [] : [spare]);
        start = end;
      }
      await waitFor(() => order.pending(handedOut) === 0);
      return { tally: order.tally, offset: start, linesBefore: order.lines };
    } finally {
      new LineChain(chainMemory).stop();
      await Promise.all(workers.map((w) => w.terminate()));
    }
  } finally {
    closeSync(fd);
  }
}
