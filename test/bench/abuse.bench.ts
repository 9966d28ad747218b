import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { MAX_REQUEST_BYTES } from '../../electron/web/payload-limit.ts';
import { CoreSocket, launchCode } from '../integration/web/core-socket.ts';
import { frame, rawHttp, rawUpgrade } from '../integration/web/raw-peer.ts';
import { publish } from './report.ts';

/**
 * Scripted abuse of browser mode: 10,000 malformed requests and frames of every kind the server must survive,
 * from a page on another origin in Chromium and from raw sockets, then one normal call. The host runs as its own
 * process (so an exit shows), and its memory after a full GC is compared with the same figure before.
 */
const here = dirname(fileURLToPath(import.meta.url));
const TOTAL = 10_000;
const FROM_BROWSER = 1_000;
const ROUNDS = 4;
const IN_FLIGHT = 32;

type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number };

function ask<T>(child: ChildProcess, message: string, key: keyof T): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: T) => {
      if (reply && typeof reply === 'object' && key in reply) {
        child.off('message', onMessage);
        resolve(reply);
      }
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** Each kind sends one malformed thing over a fresh connection and waits for the host's answer. */
function rawKinds(port: number): Record<string, () => Promise<unknown>> {
  const own = `http://127.0.0.1:${port}`;
  const framed = async (bytes: Buffer) => {
    const peer = await rawUpgrade(port, '/ipc', own);
    peer.socket.write(bytes);
    await peer.closeCode();
    peer.socket.destroy();
  };
  const refused = async (target: string, origin: string) => (await rawUpgrade(port, target, origin)).socket.destroy();
  return {
    'GET /%E0': () => rawHttp(port, `GET /%E0 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    'GET //[': () => rawHttp(port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    'not HTTP at all': () => rawHttp(port, `\x16\x03\x01${randomBytes(64).toString('latin1')}\r\n\r\n`),
    'upgrade to //[': () => refused('//[', own),
    'upgrade to /%E0': () => refused('/%E0', own),
    'upgrade from another origin': () => refused('/ipc', 'http://evil.example'),
    'frame over the limit': () => framed(frame(1, Buffer.alloc(0), MAX_REQUEST_BYTES + 1)),
    'invalid UTF-8 text': () => framed(frame(1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))),
    'unmasked frame': () => framed(Buffer.from([0x81, 0x02, 0x7b, 0x7d])),
    'reserved opcode': () => framed(frame(3, Buffer.from('x'))),
    'binary frame': () => framed(frame(2, Buffer.from('{}'))),
    'not JSON': () => framed(frame(1, Buffer.from('{"id":'))),
    'hello with a spent code': () => framed(frame(1, Buffer.from(JSON.stringify({ kind: 'hello', code: 'spent' })))),
    'call before hello': () => framed(frame(1, Buffer.from(JSON.stringify({ id: 1, name: 'app.info', input: {} })))),
    'reset mid-handshake': () =>
      new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`GET /ipc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${own}\r\n\r\n`);
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      }),
  };
}

/** What a hostile page can do from its own origin: bad paths, bad upgrade targets, cross-origin upgrades. */
const FOREIGN_PAGE = `<!doctype html><script>
window.abuse = async (target, count, inFlight) => {
  const base = 'http://' + target, ws = 'ws://' + target;
  const kinds = [
    () => fetch(base + '/%E0', { mode: 'no-cors' }).catch(() => {}),
    () => fetch(base + '//[', { mode: 'no-cors' }).catch(() => {}),
    () => fetch(base + '/ipc', { method: 'POST', mode: 'no-cors', body: 'x'.repeat(4096) }).catch(() => {}),
    () => new Promise((done) => { const s = new WebSocket(ws + '//['); s.onclose = done; s.onerror = () => {}; }),
    () => new Promise((done) => { const s = new WebSocket(ws + '/ipc'); s.onclose = done; s.onerror = () => {}; }),
  ];
  let sent = 0;
  async function worker() { while (sent < count) { const k = kinds[sent++ % kinds.length]; await k(); } }
  await Promise.all(Array.from({ length: inFlight }, worker));
  return sent;
};
</script>`;

export default async function bench(): Promise<string[]> {
  const child = fork(join(here, 'abuse-host.ts'), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', (m) => resolve(m as { port: number })));

  const foreign: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(FOREIGN_PAGE));
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    // Warm up with normal use so the baseline includes what a working session allocates.
    const warm = await CoreSocket.open(port, { code: launchCode((await ask<{ url: string }>(child, 'launch', 'url')).url) });
    for (let i = 0; i < 200; i++) await warm.call('settings.get', {});
    warm.close();
    const before = await ask<Memory>(child, 'memory', 'heapUsed');

    const kinds = Object.entries(rawKinds(port));
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as { port: number }).port}/`;
    /** A quarter of the run: the page's share, then raw sockets for the rest. */
    async function round(total: number): Promise<{ fromBrowser: number; browserSeconds: number; seconds: number }> {
      const started = performance.now();
      const page = await browser.newPage();
      await page.goto(foreignUrl);
      const fromBrowser = await page.evaluate(
        ([target, count]) => (globalThis as unknown as { abuse: (t: string, c: number, f: number) => Promise<number> }).abuse(target as string, count as number, 16),
        [`127.0.0.1:${port}`, FROM_BROWSER / ROUNDS] as const,
      );
      await page.close();
      const browserSeconds = (performance.now() - started) / 1000;
      let next = 0;
      const rawCount = total - fromBrowser;
      const worker = async (): Promise<void> => {
        while (next < rawCount) await kinds[next++ % kinds.length]![1]();
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return { fromBrowser, browserSeconds, seconds: (performance.now() - started) / 1000 };
    }
    const rounds: { fromBrowser: number; browserSeconds: number; seconds: number; memory: Memory }[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push({ ...(await round(TOTAL / ROUNDS)), memory: await ask<Memory>(child, 'memory', 'heapUsed') });
    const sum = (key: 'fromBrowser' | 'browserSeconds' | 'seconds') => rounds.reduce((n, r) => n + r[key], 0);
    const fromBrowser = sum('fromBrowser');
    const rawCount = TOTAL - fromBrowser;

    const normal = await CoreSocket.open(port, { code: launchCode((await ask<{ url: string }>(child, 'launch', 'url')).url) });
    const answer = await normal.call('app.info', {});
    normal.close();
    const after = await ask<Memory>(child, 'memory', 'heapUsed');
    if (exited) throw new Error(`the host ended during the run (${exited})`);
    if (!answer.ok) throw new Error(`the normal call failed: ${JSON.stringify(answer)}`);

    const mb = (n: number) => n / 2 ** 20;
    // V8 keeps the young generation it grew under load (up to --max-semi-space-size) even after a full GC:
    // that reserve is heapTotal, reported on its own; what a leak of sockets or buffers would grow is the rest.
    const native = (m: Memory) => m.rss - m.heapTotal;
    return publish({
      name: 'abuse',
      context: {
        'malformed requests and frames': TOTAL,
        'from a foreign-origin page in Chromium': fromBrowser,
        'from raw sockets': `${rawCount} (${kinds.length} kinds, ${IN_FLIGHT} in flight)`,
        rounds: `${ROUNDS} of ${TOTAL / ROUNDS}, memory after a full GC after each`,
        'run took': `${sum('seconds').toFixed(1)} s (the page's part ${sum('browserSeconds').toFixed(1)} s)`,
        'host still running': exited ?? 'yes',
        'normal call after the run': answer.ok ? 'app.info answered' : 'failed',
      },
      rows: [
        { label: 'heap used, before the run', value: mb(before.heapUsed), unit: 'MB' },
        ...rounds.map((r, i) => ({ label: `heap used, after round ${i + 1}`, value: mb(r.memory.heapUsed), unit: 'MB', baseline: 'before', ratio: r.memory.heapUsed / before.heapUsed })),
        { label: 'heap used, after the normal call', value: mb(after.heapUsed), unit: 'MB', baseline: 'before', ratio: after.heapUsed / before.heapUsed, goal: '≤ 1.10× before', met: after.heapUsed <= 1.1 * before.heapUsed },
        { label: 'external + array buffers, before the run', value: mb(before.external), unit: 'MB' },
        { label: 'external + array buffers, after the normal call', value: mb(after.external), unit: 'MB', baseline: 'before', ratio: after.external / before.external, goal: '≤ 1.10× before', met: after.external <= 1.1 * before.external },
        { label: 'RSS outside V8’s heap, before the run', value: mb(native(before)), unit: 'MB' },
        ...rounds.map((r, i) => ({ label: `RSS outside V8’s heap, after round ${i + 1}`, value: mb(native(r.memory)), unit: 'MB', baseline: 'before', ratio: native(r.memory) / native(before) })),
        { label: 'RSS outside V8’s heap, after the normal call', value: mb(native(after)), unit: 'MB', baseline: 'before', ratio: native(after) / native(before), goal: '≤ 1.10× before', met: native(after) <= 1.1 * native(before) },
        { label: 'V8 heap reserved (heapTotal), before / after', value: mb(after.heapTotal), unit: 'MB', baseline: 'before', ratio: after.heapTotal / before.heapTotal },
        { label: 'RSS, before the run', value: mb(before.rss), unit: 'MB' },
        { label: 'RSS, after the normal call', value: mb(after.rss), unit: 'MB', baseline: 'before', ratio: after.rss / before.rss },
      ],
    });
  } finally {
    await browser.close();
    foreign.close();
    child.kill('SIGTERM');
  }
}
