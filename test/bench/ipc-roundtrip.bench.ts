import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { startWebHost } from '../../electron/web/server.ts';

/**
 * What the browser-mode bridge costs per call: `settings.get` straight through the router (baseline) versus
 * over the token-guarded WebSocket, sequential and 32 in flight.
 */
export default async function bench(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custode-bench-ipc-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'custode-bench-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '');
  const core = createCore({ dataDir, mode: 'browser', appVersion: 'bench', secretStore: new MemorySecretStore() });
  const host = await startWebHost({ core, rendererDir, session: 'bench' });
  const signal = new AbortController().signal;
  const N = 2000;
  try {
    let t = performance.now();
    for (let i = 0; i < N; i++) await core.router.dispatch('settings.get', {}, { signal });
    const direct = (performance.now() - t) / N;

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ kind: 'hello', session: 'bench' }));
    const waiting = new Map<number, () => void>();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { kind: string; id: number };
      if (m.kind === 'result') waiting.get(m.id)?.();
    });
    let id = 0;
    const call = () =>
      new Promise<void>((resolve) => {
        const my = ++id;
        waiting.set(my, resolve);
        ws.send(JSON.stringify({ id: my, name: 'settings.get', input: {} }));
      });
    t = performance.now();
    for (let i = 0; i < N; i++) await call();
    const sequential = (performance.now() - t) / N;
    t = performance.now();
    for (let i = 0; i < N / 32; i++) await Promise.all(Array.from({ length: 32 }, call));
    const pipelined = (performance.now() - t) / N;
    ws.close();
    return [
      `router direct: ${(direct * 1000).toFixed(1)} µs/call (baseline)`,
      `WebSocket sequential: ${(sequential * 1000).toFixed(1)} µs/call = ${(sequential / direct).toFixed(1)}× baseline`,
      `WebSocket 32 in flight: ${(pipelined * 1000).toFixed(1)} µs/call = ${(pipelined / direct).toFixed(1)}× baseline`,
    ];
  } finally {
    await host.close();
    core.close();
  }
}
