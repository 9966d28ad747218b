import { DatabaseSync } from 'node:sqlite';
import { getCiphers, getHashes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiagnosticId, DiagnosticItem, DiagnosticsReport } from '../../../shared/ipc/diagnostics.ts';
import type { JobContext } from '../jobs/job-registry.ts';
import type { SecretStore } from '../ports/secret-store.ts';

export interface DiagnosticsDeps {
  dataDir: string;
  secretStore: SecretStore;
}

type Check = (deps: DiagnosticsDeps) => Promise<Omit<DiagnosticItem, 'id'>>;

const MIN_NODE = [22, 12];

function nodeAtLeast(version: string, [major, minor]: number[]): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major! || (a === major && b >= minor!);
}

/** Each check is cheap and independent; a failing one never stops the others. */
const checks: Record<DiagnosticId, Check> = {
  async runtime() {
    const node = process.versions.node;
    const electron = process.versions.electron;
    const detail = electron ? `Node ${node}, Electron ${electron}` : `Node ${node}`;
    return { status: nodeAtLeast(node, MIN_NODE) ? 'ok' : 'fail', detail };
  },
  async dataDir({ dataDir }) {
    const dir = await mkdtemp(join(dataDir, '.write-check-'));
    try {
      await writeFile(join(dir, 'probe'), 'ok');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return { status: 'ok', detail: dataDir };
  },
  async sqlite() {
    const db = new DatabaseSync(':memory:');
    try {
      const row = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
      return { status: 'ok', detail: `SQLite ${row.v}` };
    } finally {
      db.close();
    }
  },
  async fts5() {
    const db = new DatabaseSync(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61'); INSERT INTO t VALUES ('Clone: 42% done.');");
      const hit = db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'clone'").get() as { n: number };
      return { status: hit.n === 1 ? 'ok' : 'fail', detail: 'porter unicode61' };
    } finally {
      db.close();
    }
  },
  async sshCrypto() {
    // ESXi and TrueNAS speak AES-GCM/CTR with SHA-2; Electron's BoringSSL lacks chacha20, so it is not required.
    const ciphers = getCiphers();
    const needed = ['aes-128-gcm', 'aes-256-gcm', 'aes-128-ctr', 'aes-256-ctr'];
    const missing = needed.filter((c) => !ciphers.includes(c));
    const hasSha2 = getHashes().includes('sha256');
    await import('ssh2');
    return missing.length === 0 && hasSha2
      ? { status: 'ok', detail: needed.join(', ') }
      : { status: 'fail', detail: `missing: ${[...missing, ...(hasSha2 ? [] : ['sha256'])].join(', ')}` };
  },
  async secretStore({ secretStore }) {
    const backend = await secretStore.backend();
    const status = backend.kind === 'os-keychain' ? 'ok' : backend.kind === 'unavailable' ? 'fail' : 'warn';
    return { status, detail: `${backend.kind}: ${backend.name}` };
  },
};

export async function runDiagnostics(deps: DiagnosticsDeps, ctx: JobContext): Promise<DiagnosticsReport> {
  const ids = Object.keys(checks) as DiagnosticId[];
  const items: DiagnosticItem[] = [];
  for (const [index, id] of ids.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ fraction: index / ids.length, step: id, stepKey: `diagnostics.check.${id}` });
    let item: DiagnosticItem;
    try {
      item = { id, ...(await checks[id](deps)) };
    } catch (error) {
      item = { id, status: 'fail', detail: error instanceof Error ? error.message : String(error) };
    }
    items.push(item);
    ctx.log(item.status === 'ok' ? 'info' : item.status === 'warn' ? 'warn' : 'error', `${id}: ${item.status} (${item.detail})`);
  }
  ctx.progress({ fraction: 1, step: null });
  return { items };
}
