import { createHash } from 'node:crypto';
import { GhettoVcbLogParser } from '../ghettovcb/log/parser.ts';
import type { LogRun } from '../ghettovcb/log/types.ts';
import type { CatalogWriter, FileMeta } from './catalog-writer.ts';
import { UNKNOWN_HOST, type LogHost } from './log-hosts.ts';
import { decodeLog, looksBinary } from './log-bytes.ts';
import type { RawStore } from './raw-store.ts';
import { isGhettoVcbRun } from './run-summary.ts';

/**
 * One log file into the catalog: the bytes are hashed, kept verbatim in the raw store, parsed (streamed through the
 * parser in chunks) and indexed in one transaction. The same bytes under the same name add nothing; the same bytes
 * found under another name (an import of a harvested file) add nothing either.
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

export interface IngestDeps {
  writer: CatalogWriter;
  raw: RawStore;
}

export interface Arrival extends Omit<FileMeta, 'sha256' | 'size' | 'hostId' | 'hostName'> {
  /** The host, known (a harvest) or guessed from the parsed runs (an import without --host). */
  host: LogHost | ((runs: readonly LogRun[]) => LogHost);
}

export function ingestBytes(deps: IngestDeps, arrival: Arrival, bytes: Uint8Array): IngestOutcome {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = typeof arrival.host === 'function' ? null : arrival.host;
  const before = known === null ? null : deps.writer.existing(known.hostName, arrival.origin);
  const same = before !== null && before.sha256 === sha256 ? before : before === null ? deps.writer.byContent(sha256) : null;
  if (same !== null) {
    if (same.state === 'refused') return { status: 'refused', reason: same.reason, runs: 0, lines: 0 };
    return { status: same === before ? 'unchanged' : 'duplicate', reason: null, runs: 0, lines: 0 };
  }
  const rest = { source: arrival.source, origin: arrival.origin, mtime: arrival.mtime, harvestedAt: arrival.harvestedAt };
  const metaFor = (host: LogHost): FileMeta => ({ ...rest, ...host, size: bytes.length, sha256 });
  const meta = metaFor(known ?? { hostId: null, hostName: UNKNOWN_HOST });

  const refuse = (reason: string): IngestOutcome => {
    deps.writer.refuse(meta, reason);
    return { status: 'refused', reason, runs: 0, lines: 0 };
  };
  if (bytes.length === 0) return refuse('logs.empty');
  if (looksBinary(bytes)) return refuse('logs.binary');
  const { text, invalidUtf8 } = decodeLog(bytes);
  const parser = new GhettoVcbLogParser();
  for (let at = 0; at < text.length; at += PARSE_CHUNK) parser.feed(text.slice(at, at + PARSE_CHUNK));
  const runs = parser.end().runs;
  if (!runs.some(isGhettoVcbRun)) return refuse('logs.notGhettoVcb');

  const blob = deps.raw.put(sha256, bytes);
  const growing = arrival.harvestedAt - arrival.mtime < GROWING_WINDOW_MS;
  const owner = typeof arrival.host === 'function' ? metaFor(arrival.host(runs)) : meta;
  const indexed = deps.writer.index({ meta: owner, blob, text, invalidUtf8, growing, runs });
  return { status: before === null ? 'added' : 'updated', reason: null, runs: indexed.runs, lines: indexed.lines };
}
