/**
 * The browser-mode host as its own process for the abuse bench: the real core and web host, plus a way for the
 * bench to ask for memory after a full GC (run with --expose-gc). Prints its launch address on stdout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { startWebHost } from '../../electron/web/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'custode-abuse-'));
const rendererDir = mkdtempSync(join(tmpdir(), 'custode-abuse-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Custode</title>');
const core = createCore({ dataDir, mode: 'browser', appVersion: 'bench', secretStore: new MemorySecretStore() });
const host = await startWebHost({ core, rendererDir });

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
process.on('message', (message: string) => {
  if (message === 'memory') {
    for (let i = 0; i < 3; i++) gc();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send!({ rss, heapUsed, heapTotal, external });
  } else if (message === 'launch') process.send!({ url: host.launchUrl() });
});
process.send!({ port: host.port });
