import { createHash } from 'node:crypto';
import { GhettoVcbLogParser } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import { RUNS_PER_FILE, type CatalogWriter, type FileMeta, type IndexedFile } from './catalog-writer.ts';
import { UNKNOWN_HOST, type LogHost } from './log-hosts.ts';
import { decodeLog, looksBinary } from './log-bytes.ts';
import type { RawStore } from './raw-store.ts';
import { isGhettoVcbRun } from './run-summary.ts';

/**
 * Log files into the catalog: the bytes are hashed, parsed (streamed through the parser in chunks), kept verbatim
 * in the raw store and indexed. Files are gathered into a batch and written together, in one transaction, after
 * their raw copies are flushed: a crash keeps every file of the batch as before or every one as now, never half.
 * The same bytes under the same name add nothing; the same bytes found under another name (an import of a
 * harvested file) add nothing either. A file that only grew keeps the lines it had and indexes the new ones.
 */
export type IngestStatus = 'added' | 'updated' | 'unchanged' | 'duplicate' | 'refused';

export interface IngestOutcome {
  status: IngestStatus;
  /** For `refused`: `logs.binary`, `logs.notGhettoVcb` or `logs.empty`. */
  reason: string | null;
  runs: number;
  lines: number;
}

/** A file changed this recently may still be written: its unfinished last run is shown as running. */
export const GROWING_WINDOW_MS = 6 * 3600 * 1000;
const PARSE_CHUNK = 1 << 20;
/** A batch is written once it holds this much text or this many files (one transaction, one flush of the blobs). */
const BATCH_BYTES = 16 << 20;
const BATCH_FILES = 256;

export interface IngestDeps {
  writer: CatalogWriter;
  raw: RawStore;
}

export interface Arrival extends Omit<FileMeta, 'sha256' | 'size' | 'hostId' | 'hostName'> {
  /** The host, known (a harvest) or guessed from the parsed runs (an import without --host). */
  host: LogHost | ((runs: readonly LogRun[]) => LogHost);
  /**
   * The file's first bytes are, unchanged, the file the catalog holds under this name (checked by the caller,
   * e.g. a hash of that prefix on the remote side): its complete lines stay indexed, only the rest is added.
   */
  grewFrom?: number;
}

type Pending = { kind: 'refuse'; meta: FileMeta; reason: string } | { kind: 'index'; file: IndexedFile; keptLines: number };

export class IngestBatch {
  readonly #deps: IngestDeps;
  #pending: Pending[] = [];
  #blobs = new Map<string, Uint8Array>();
  #bytes = 0;
  #flushedBatches = 0;
  /** Raw copies of earlier versions of updated files, dropped once no row names them. */
  #replaced: string[] = [];

  constructor(deps: IngestDeps) {
    this.#deps = deps;
  }

  /** Whether the batch is big enough to be written now. */
  get full(): boolean {
    return this.#bytes >= BATCH_BYTES || this.#pending.length >= BATCH_FILES;
  }

  /** Parses one file and queues it; nothing is in the catalog before `flush`. */
  add(arrival: Arrival, bytes: Uint8Array): IngestOutcome {
    const { writer } = this.#deps;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = typeof arrival.host === 'function' ? null : arrival.host;
    const before = known === null ? null : writer.existing(known.hostName, arrival.origin);
    const same = before !== null && before.sha256 === sha256 ? before : before === null ? writer.byContent(sha256) : null;
    if (same !== null) {
      if (same.state === 'refused') return { status: 'refused', reason: same.reason, runs: 0, lines: 0 };
      return { status: same === before ? 'unchanged' : 'duplicate', reason: null, runs: 0, lines: 0 };
    }
    if (before === null && this.#blobs.has(sha256)) return { status: 'duplicate', reason: null, runs: 0, lines: 0 };
    const rest = { source: arrival.source, origin: arrival.origin, mtime: arrival.mtime, harvestedAt: arrival.harvestedAt };
    const metaFor = (host: LogHost): FileMeta => ({ ...rest, ...host, size: bytes.length, sha256 });
    const meta = metaFor(known ?? { hostId: null, hostName: UNKNOWN_HOST });

    const refuse = (reason: string): IngestOutcome => {
      this.#pending.push({ kind: 'refuse', meta, reason });
      return { status: 'refused', reason, runs: 0, lines: 0 };
    };
    if (bytes.length === 0) return refuse('logs.empty');
    if (looksBinary(bytes)) return refuse('logs.binary');
    const { text, invalidUtf8 } = decodeLog(bytes);
    const parser = new GhettoVcbLogParser();
    for (let at = 0; at < text.length; at += PARSE_CHUNK) parser.feed(text.slice(at, at + PARSE_CHUNK));
    const runs = parser.end().runs;
    if (!runs.some(isGhettoVcbRun)) return refuse('logs.notGhettoVcb');

    const growing = arrival.harvestedAt - arrival.mtime < GROWING_WINDOW_MS;
    const owner = typeof arrival.host === 'function' ? metaFor(arrival.host(runs)) : meta;
    const grew = arrival.grewFrom !== undefined && before !== null && before.state === 'indexed' && before.size === arrival.grewFrom;
    const file: IndexedFile = { meta: owner, blob: this.#deps.raw.blobName(sha256), text, invalidUtf8, growing, runs };
    this.#pending.push({ kind: 'index', file, keptLines: grew ? completeLines(bytes, before.size) : 0 });
    this.#blobs.set(sha256, bytes);
    this.#bytes += bytes.length;
    if (before !== null && before.blob !== file.blob) this.#replaced.push(before.blob);
    return { status: before === null ? 'added' : 'updated', reason: null, runs: Math.min(runs.length, RUNS_PER_FILE), lines: lineCount(bytes) };
  }

  /** Flushes the queued raw copies, then writes every queued file in one transaction. */
  async flush(): Promise<void> {
    const pending = this.#pending;
    const blobs = this.#blobs;
    const replaced = this.#replaced;
    this.#pending = [];
    this.#blobs = new Map();
    this.#replaced = [];
    this.#bytes = 0;
    if (pending.length === 0) return;
    this.#flushedBatches++;
    await this.#deps.raw.putAll(blobs);
    const { writer } = this.#deps;
    writer.batch(() => {
      for (const p of pending) {
        if (p.kind === 'refuse') writer.refuse(p.meta, p.reason);
        else writer.index(p.file, p.keptLines);
      }
    });
    for (const blob of replaced) if (!writer.blobInUse(blob)) await this.#deps.raw.remove(blob);
  }


/** After a batch's last flush: merges the index when this batch wrote it in several pieces (see CatalogWriter.compact). */
  finish(): void {
    if (this.#flushedBatches > 1) this.#deps.writer.compact();
  }
}

/** One file on its own: queued and written at once. */
export async function ingestBytes(deps: IngestDeps, arrival: Arrival, bytes: Uint8Array): Promise<IngestOutcome> {
  const batch = new IngestBatch(deps);
  const outcome = batch.add(arrival, bytes);
  await batch.flush();
  return outcome;
}

/** Lines as the catalog counts them: one per `\n`, and the unended last one. */
function lineCount(bytes: Uint8Array): number {
  return completeLines(bytes, bytes.length) + (bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? 1 : 0);
}

/** Lines ended by a `\n` within the first `size` bytes: those a file that grew past `size` cannot have changed. */
function completeLines(bytes: Uint8Array, size: number): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at >= 0 && at < size; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}
