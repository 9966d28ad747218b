import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import { IngestBatch, type IngestDeps, type IngestOutcome } from './ingest.ts';
import type { LogHost, LogHosts } from './log-hosts.ts';

/**
 * Import by hand: a log file, or every file under a folder (logs from elsewhere, old `/tmp` logs), with the host
 * chosen or guessed from each log. What cannot be indexed is reported with its
 * reason, and the rest goes on. Files are written in batches (see IngestBatch); each is reported once written.
 */
export interface ImportedFile extends IngestOutcome {
  path: string;
  hostName: string | null;
}

export interface ImportOptions {
  host?: string | undefined;
  signal?: AbortSignal | undefined;
  now?: () => number;
  onFile?(file: ImportedFile, done: number): void;
}

/** Larger files are refused: a ghettoVCB log this size is not one (the biggest real ones are tens of MB). */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;

async function filesUnder(path: string): Promise<string[]> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('logs.importUnreadable', `Cannot read ${path}: ${error.code ?? error.message}`, { path, cause: error.code ?? error.message });
  });
  if (info.isFile()) return [path];
  if (!info.isDirectory()) throw new AppError('logs.importNotFile', `${path} is neither a file nor a folder`, { path });
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export async function importPath(deps: IngestDeps & { hosts: LogHosts }, path: string, options: ImportOptions = {}): Promise<ImportedFile[]> {
  const root = resolve(path);
  const chosen: LogHost | null = options.host === undefined ? null : deps.hosts.chosen(options.host);
  const files = await filesUnder(root);
  const out: ImportedFile[] = [];
  const batch = new IngestBatch(deps);
  let reported = 0;
  const flush = async (): Promise<void> => {
    await batch.flush();
    for (; reported < out.length; reported++) options.onFile?.(out[reported]!, reported + 1);
  };
  for (const file of files) {
    if (options.signal?.aborted) await flush();
    options.signal?.throwIfAborted();
    const info = await lstat(file);
    let guessed: LogHost | null = null;
    const host = chosen ?? ((runs: Parameters<LogHosts['guess']>[0]) => (guessed = deps.hosts.guess(runs)));
    let result: ImportedFile;
    if (info.size > IMPORT_MAX_BYTES) result = { path: file, hostName: null, status: 'refused', reason: 'logs.tooLarge', runs: 0, lines: 0 };
    else {
      const bytes = await readFile(file);
      const outcome = batch.add({ host, source: 'import', origin: file, mtime: Math.round(info.mtimeMs), harvestedAt: (options.now ?? Date.now)() }, bytes);
      result = { path: file, hostName: (chosen ?? (guessed as LogHost | null))?.hostName ?? null, ...outcome };
    }
    out.push(result);
    if (batch.full) await flush();
  }
  await flush();
  batch.finish();
  return out;
}
