import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app/create-core.ts';
import { defaultDataDir } from '../core/app/default-data-dir.ts';
import { MemorySecretStore } from '../core/ports/memory-secret-store.ts';
import { startWebHost } from './server.ts';

/**
 * `npm run start:browser`: Custode in a browser, for a jump host without a desktop and for the e2e tests.
 * Secrets are kept in memory only in this mode (there is no OS keychain to reach).
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = join(repo, 'out/renderer');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsStale(): boolean {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['renderer', 'shared'].some((dir) => newestMtime(join(repo, dir)) > built);
}

if (values.rebuild || rendererIsStale()) {
  console.log('Building the renderer…');
  execFileSync(join(repo, 'node_modules/.bin/electron-vite'), ['build'], { cwd: repo, stdio: 'inherit' });
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number between 0 and 65535, not "${values.port}"`);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
mkdirSync(dataDir, { recursive: true });
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const core = createCore({ dataDir, mode: 'browser', appVersion: version, secretStore: new MemorySecretStore() });
const host = await startWebHost({ core, rendererDir, port, ...(process.env.CUSTODE_WEB_TOKEN ? { session: process.env.CUSTODE_WEB_TOKEN } : {}) }).catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is already in use on 127.0.0.1: choose another with --port N (0 picks a free one).`);
  core.close();
  process.exit(2);
});

console.log(`Custode (browser mode) is listening on 127.0.0.1:${host.port}`);
console.log(`Data folder: ${dataDir}`);
const firstLaunch = host.launchUrl();
console.log(`Open: ${firstLaunch}`);
console.log('(This address works once, within 30 seconds.' + (process.stdin.isTTY ? ' Press Enter here for a new one.)' : ')'));

if (process.stdin.isTTY) {
  // A new tab or another browser needs a new one-time address; the session itself is never printed.
  createInterface({ input: process.stdin, terminal: false }).on('line', () => console.log(`Open: ${host.launchUrl()}`));
}

if (!values['no-open'] && !process.env.CI) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [firstLaunch], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser here: copy the address above into one.'));
  child.unref();
}

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  core.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
