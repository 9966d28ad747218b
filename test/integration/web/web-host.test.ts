import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../shared/ipc/bridge.ts';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { startWebHost, type WebHost } from '../../../electron/web/server.ts';

/** Browser mode end to end below the UI: real HTTP, a real WebSocket, the real core and SQLite. */
let core: Core;
let host: WebHost;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custode-web-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'custode-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Custode</title>');
  core = createCore({ dataDir, mode: 'browser', appVersion: '0.0.0-test', secretStore: new MemorySecretStore() });
  host = await startWebHost({ core, rendererDir });
});

afterAll(async () => {
  await host.close();
  core.close();
});

const origin = () => `http://127.0.0.1:${host.port}`;

function connect(token = host.token, headers: Record<string, string> = { Origin: origin() }) {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${encodeURIComponent(token)}`, { headers });
  const messages: WireMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as WireMessage));
  let nextId = 1;
  return {
    ws,
    messages,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    }),
    async call(name: string, input: unknown) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, name, input }));
      for (;;) {
        const hit = messages.find((m) => m.kind === 'result' && m.id === id);
        if (hit && hit.kind === 'result') return hit.result;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async event(name: string, match: (p: Record<string, unknown>) => boolean) {
      for (let i = 0; i < 1000; i++) {
        const hit = messages.find((m) => m.kind === 'event' && m.event === name && match(m.payload as Record<string, unknown>));
        if (hit && hit.kind === 'event') return hit.payload as Record<string, unknown>;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${name} event`);
    },
  };
}

function httpStatus(path: string, hostHeader?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: hostHeader ? { Host: hostHeader } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode host', () => {
  it('answers calls over the WebSocket with the same Result shape as Electron', async () => {
    const c = connect();
    await c.opened;
    expect(await c.call('app.info', {})).toMatchObject({ ok: true, value: { name: 'Custode', mode: 'browser' } });
    expect(await c.call('settings.update', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    c.ws.close();
  });

  it('refuses an unknown call and returns a typed error for invalid input', async () => {
    const c = connect();
    await c.opened;
    expect(await c.call('host.format', {})).toMatchObject({ ok: false, error: { code: 'ipc.unknownMethod' } });
    expect(await c.call('settings.update', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    expect(await c.call('jobs.cancel', { jobId: 'job-none' })).toMatchObject({ ok: false, error: { code: 'job.notFound' } });
    c.ws.close();
  });

  it('runs a job: start returns an id, progress and done arrive as events', async () => {
    const c = connect();
    await c.opened;
    const started = await c.call('diagnostics.start', {});
    expect(started.ok).toBe(true);
    const { jobId } = (started as { ok: true; value: { jobId: string } }).value;
    await c.event('job:progress', (p) => p.jobId === jobId);
    const done = await c.event('job:done', (p) => p.jobId === jobId);
    expect(done).toMatchObject({ state: 'succeeded', result: { items: expect.arrayContaining([expect.objectContaining({ id: 'sqlite', status: 'ok' })]) } });
    c.ws.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect('').opened).rejects.toThrow('HTTP 403');
    await expect(connect('wrong-token').opened).rejects.toThrow('HTTP 403');
    await expect(connect(host.token, { Origin: 'http://evil.example' }).opened).rejects.toThrow('HTTP 403');
  });

  it('serves the renderer only under its own host name and never outside its folder', async () => {
    expect(await httpStatus('/index.html')).toBe(200);
    expect(await httpStatus('/index.html', 'rebind.example:80')).toBe(421);
    expect(await httpStatus('/../../etc/passwd')).not.toBe(200);
    expect(await httpStatus('/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await httpStatus('/..%2f..%2f..%2fetc%2fpasswd')).toBe(403);
  });
});
