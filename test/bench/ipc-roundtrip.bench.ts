import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../electron/core/ports/memory-secret-store.ts';
import { startWebHost } from '../../electron/web/server.ts';
import { publish, sample, summarize, type BenchRow } from './report.ts';

/** Calls per sample (the per-call figure is the sample's mean), samples per side, and unmeasured warm-up samples. */
const BATCH = 256;
const SAMPLES = 15;
const WARMUP = 3;
const IN_FLIGHT = 32;

/**
 * What the browser-mode bridge costs per call: `settings.get` straight through the router (the baseline) versus
 * over the token-guarded WebSocket, one call at a time and 32 in flight.
 */
export default async function bench(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custode-bench-ipc-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'custode-bench-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '');
  const core = createCore({ dataDir, mode: 'browser', appVersion: 'bench', secretStore: new MemorySecretStore() });
  const host = await startWebHost({ core, rendererDir, session: 'bench' });
  const signal = new AbortController().signal;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  try {
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
        waiting.set(my, () => {
          waiting.delete(my);
          resolve();
        });
        ws.send(JSON.stringify({ id: my, name: 'settings.get', input: {} }));
      });
    /** µs per call over one batch. */
    const perCall = async (batch: () => Promise<void>): Promise<number> => {
      const t = performance.now();
      await batch();
      return ((performance.now() - t) * 1000) / BATCH;
    };

    const direct = await sample(() => perCall(async () => {
      for (let i = 0; i < BATCH; i++) await core.router.dispatch('settings.get', {}, { signal });
    }), SAMPLES, WARMUP);
    const sequential = await sample(() => perCall(async () => {
      for (let i = 0; i < BATCH; i++) await call();
    }), SAMPLES, WARMUP);
    const pipelined = await sample(() => perCall(async () => {
      for (let i = 0; i < BATCH / IN_FLIGHT; i++) await Promise.all(Array.from({ length: IN_FLIGHT }, call));
    }), SAMPLES, WARMUP);

    const BASE = 'router direct';
    const d = summarize(direct);
    const rows = (label: string, samples: number[], compare: boolean): BenchRow[] => {
      const s = summarize(samples);
      return [
        { label: `${label}: median`, value: s.median, unit: 'µs/call', ...(compare ? { baseline: BASE, ratio: s.median / d.median } : {}) },
        { label: `${label}: p95`, value: s.p95, unit: 'µs/call', ...(compare ? { baseline: BASE, ratio: s.p95 / d.p95 } : {}) },
      ];
    };
    return publish({
      name: 'ipc-roundtrip',
      context: { call: 'settings.get', samples: `${SAMPLES} per side of ${BATCH} calls each, after ${WARMUP} warm-up samples` },
      rows: [
        ...rows('router direct (baseline)', direct, false),
        ...rows('WebSocket, one at a time', sequential, true),
        ...rows(`WebSocket, ${IN_FLIGHT} in flight`, pipelined, true),
      ],
    });
  } finally {
    ws.close();
    await host.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}
