import { AppError, toErrorData } from '../../../shared/errors/app-error.ts';
import type { HostEntry } from '../../../shared/ipc/fleet.ts';
import { limiter } from '../fleet/concurrency.ts';
import { ESXI_FACTS_SCHEMA, type EsxiFacts } from '../fleet/esxi-facts.ts';
import type { WorkContext } from '../fleet/fleet-service.ts';
import type { HostStore } from '../fleet/host-store.ts';
import { NAS_FACTS_SCHEMA, type NasFacts } from '../fleet/nas-probe.ts';
import type { ProbeStore } from '../fleet/probe-store.ts';
import { targetFor } from '../fleet/targets.ts';
import { joinPath, sh } from '../shell/command.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { SshService } from '../ssh/ssh-service.ts';
import { ingestBytes } from './ingest.ts';
import type { ExistingFile } from './catalog-writer.ts';
import type { LogCatalog } from './log-catalog.ts';
import { logFolders, type LogFolder } from './log-sources.ts';

/**
 * The harvest: every ghettoVCB log of every host into the catalog, over SSH. Each log folder is read on the NAS
 * when the fleet has the NAS that exports it (the copies' dataset), else on the host's own backup volume. A file
 * is fetched only when its size or time differs from what the catalog holds, and each file is committed on its
 * own, so a cancelled or killed harvest resumes where it stopped. A file that grew (a `-l` log the script appends
 * to, or one still being written) is followed: when the remote hash of its first bytes is the hash of the copy the
 * catalog holds, only the bytes after them are fetched, and its runs are updated in place. Hosts run in parallel; within one host a few
 * files at a time, well under the SSH layer's channel limit.
 */
export interface HarvestDeps {
  catalog: LogCatalog;
  hosts: HostStore;
  probes: ProbeStore;
  ssh: SshService;
  now?: () => number;
  connectTimeoutMs?: number;
  filesAtOnce?: number;
  onFileIndexed?(): void;
}

export interface HostHarvest {
  hostId: string;
  name: string;
  source: 'nas' | 'esxi' | null;
  found: number;
  fetched: number;
  /** Of `fetched`, the files that grew and were followed from where the catalog's copy ends. */
  followed: number;
  /** Bytes read over SSH. */
  bytesRead: number;
  unchanged: number;
  refused: number;
  failed: { file: string; code: string; message: string }[];
  error: { code: string; message: string } | null;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const FILE_TIMEOUT_MS = 10 * 60_000;

export async function harvest(deps: HarvestDeps, hostIds: readonly string[] | undefined, ctx: WorkContext): Promise<HostHarvest[]> {
  const all = deps.hosts.list();
  const esxi = (hostIds === undefined ? all : hostIds.map((id) => deps.hosts.get(id))).filter((h) => h.role === 'esxi');
  const known = all.filter((h) => h.role === 'nas').flatMap((entry) => {
    const facts = deps.probes.get<NasFacts>(entry.id, NAS_FACTS_SCHEMA).facts;
    return facts ? [{ entry, facts }] : [];
  });
  let done = 0;
  ctx.progress?.({ fraction: esxi.length === 0 ? 1 : 0, stepKey: 'logs.sync.progress', stepParams: { done, total: esxi.length } });
  return Promise.all(
    esxi.map(async (host) => {
      const result = await harvestHost(deps, host, known, ctx.signal);
      done++;
      ctx.progress?.({ fraction: done / esxi.length, stepKey: 'logs.sync.progress', stepParams: { done, total: esxi.length, name: host.name } });
      return result;
    }),
  );
}

async function harvestHost(deps: HarvestDeps, host: HostEntry, known: Parameters<typeof logFolders>[2], signal: AbortSignal): Promise<HostHarvest> {
  const out: HostHarvest = { hostId: host.id, name: host.name, source: null, found: 0, fetched: 0, followed: 0, bytesRead: 0, unchanged: 0, refused: 0, failed: [], error: null };
  const facts = deps.probes.get<EsxiFacts>(host.id, ESXI_FACTS_SCHEMA).facts;
  if (facts === null) {
    out.error = { code: 'logs.notProbed', message: `${host.name} has not been checked yet: refresh the fleet first, so Custode knows where its logs are` };
    return out;
  }
  const folders = logFolders(host, facts, known);
  if (folders.length === 0) {
    out.error = { code: 'logs.noLogFolder', message: `No ghettoVCB schedule on ${host.name} names a log file Custode can find` };
    return out;
  }
  try {
    for (const folder of folders) await harvestFolder(deps, host, folder, out, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    out.error = toErrorData(error);
  }
  return out;
}

interface Side {
  hostId: string;
  source: 'nas' | 'esxi';
  dir: string;
}

async function connect(deps: HarvestDeps, entry: HostEntry, signal: AbortSignal): Promise<void> {
  deps.ssh.register(targetFor(entry));
  await deps.ssh.connect(entry.id, { signal, timeoutMs: deps.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS });
}

/** The NAS side when it answers, else the host's side. */
async function listFolder(deps: HarvestDeps, host: HostEntry, folder: LogFolder, signal: AbortSignal): Promise<{ side: Side; entries: RemoteEntry[] }> {
  if (folder.nas !== null) {
    try {
      await connect(deps, folder.nas.entry, signal);
      const entries = await deps.ssh.list(folder.nas.entry.id, folder.nas.dir, { signal, timeoutMs: FILE_TIMEOUT_MS });
      return { side: { hostId: folder.nas.entry.id, source: 'nas', dir: folder.nas.dir }, entries };
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  await connect(deps, host, signal);
  const entries = await deps.ssh.list(host.id, folder.hostDir, { signal, timeoutMs: FILE_TIMEOUT_MS });
  return { side: { hostId: host.id, source: 'esxi', dir: folder.hostDir }, entries };
}

async function harvestFolder(deps: HarvestDeps, host: HostEntry, folder: LogFolder, out: HostHarvest, signal: AbortSignal): Promise<void> {
  const { side, entries } = await listFolder(deps, host, folder, signal);
  out.source = side.source;
  const logs = entries.filter((e) => e.type === 'file' && folder.matches(e.name));
  out.found += logs.length;
  const gate = limiter(deps.filesAtOnce ?? 2);
  await Promise.all(
    logs.map((entry) =>
      gate(async () => {
        const origin = joinPath(folder.hostDir, entry.name);
        const mtime = entry.mtime * 1000;
        const before = deps.catalog.writer.existing(host.name, origin);
        if (before !== null && before.size === entry.size && before.mtime === mtime) {
          out.unchanged++;
          return;
        }
        try {
          const grown = before !== null && before.state === 'indexed' && entry.size > before.size && (await samePrefix(deps, side, entry, before, signal));
          const bytes = grown ? await followFile(deps, side, entry, before, signal) : await fetchFile(deps, side, entry, signal);
          out.bytesRead += grown ? bytes.length - before.size : bytes.length;
          const arrival = { host: { hostId: host.id, hostName: host.name }, source: side.source, origin, mtime, harvestedAt: (deps.now ?? Date.now)(), ...(grown ? { grewFrom: before.size } : {}) };
          const result = await ingestBytes(deps.catalog, arrival, bytes);
          if (grown && result.status === 'updated') out.followed++;
          if (result.status === 'refused') out.refused++;
          else if (result.status === 'unchanged' || result.status === 'duplicate') out.unchanged++;
          else {
            out.fetched++;
            deps.onFileIndexed?.();
          }
        } catch (error) {
          if (signal.aborted) throw error;
          const data = toErrorData(error);
          out.failed.push({ file: origin, code: data.code, message: data.message });
        }
      }),
    ),
  );
}

/** The whole file, or an error: a copy cut short (the share vanished, the connection dropped) is never indexed. */
async function fetchFile(deps: HarvestDeps, side: Side, entry: RemoteEntry, signal: AbortSignal, from = 0): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const end = await deps.ssh.read(side.hostId, joinPath(side.dir, entry.name), (chunk) => void chunks.push(chunk), { signal, timeoutMs: FILE_TIMEOUT_MS, offset: from });
  if (end < entry.size) throw new AppError('logs.copyShort', `${entry.name} ended after ${end} of ${entry.size} bytes; it will be fetched again next time`, { file: entry.name, read: end, size: entry.size });
  return Buffer.concat(chunks);
}

/** The catalog's copy of a file that grew, and the bytes after it. */
async function followFile(deps: HarvestDeps, side: Side, entry: RemoteEntry, before: ExistingFile, signal: AbortSignal): Promise<Buffer> {
  const tail = await fetchFile(deps, side, entry, signal, before.size);
  return Buffer.concat([deps.catalog.raw.get(before.blob), tail]);
}

/**
 * Whether the remote file still starts with the bytes the catalog holds: the SHA-256 of its first `before.size` bytes,
 * computed where the file is (busybox and coreutils both have `head -c` and `sha256sum`), equals the hash of the
 * catalog's copy. Anything else (rotated, rewritten, no sha256sum) answers no, and the whole file is fetched.
 */
async function samePrefix(deps: HarvestDeps, side: Side, entry: RemoteEntry, before: ExistingFile, signal: AbortSignal): Promise<boolean> {
  const path = joinPath(side.dir, entry.name);
  try {
    const result = await deps.ssh.run(side.hostId, sh`head -c ${before.size} -- ${path} | sha256sum`, { signal, timeoutMs: FILE_TIMEOUT_MS });
    return result.exitCode === 0 && result.stdout.trim().split(/\s+/)[0] === before.sha256;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}
