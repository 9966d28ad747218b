import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../electron/core/app/create-core.ts';
import { MemorySecretStore } from '../../../electron/core/ports/memory-secret-store.ts';
import { MAX_REQUEST_BYTES, requestFrameBounds } from '../../../electron/web/payload-limit.ts';
import { LAUNCH_CODE_TTL_MS } from '../../../electron/web/session-gate.ts';
import { startWebHost, type WebHost } from '../../../electron/web/server.ts';
import { CoreSocket, Refused, launchCode } from './core-socket.ts';
import { rawUpgrade, rawHttp, frame, type RawPeer } from './raw-peer.ts';

/** Browser mode end to end below the UI: real HTTP, a real WebSocket, the real core and SQLite. */
let core: Core;
let host: WebHost;
let clock = 0;
const session = randomBytes(24).toString('base64url');

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custode-web-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'custode-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Custode</title>');
  core = createCore({ dataDir, mode: 'browser', appVersion: '0.0.0-test', secretStore: new MemorySecretStore() });
  host = await startWebHost({ core, rendererDir, session, now: () => clock });
});

afterAll(async () => {
  await host.close();
  core.close();
});

const open = (hello: { code?: string; session?: string } = { session }, headers?: Record<string, string>) => CoreSocket.open(host.port, hello, headers);

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

/** The server is alive and serving: a fresh session answers a call. */
async function stillServes(): Promise<void> {
  const c = await open();
  expect(await c.call('app.info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
  c.close();
}

describe('browser mode host', () => {
  it('answers calls over the WebSocket with the same Result shape as Electron', async () => {
    const c = await open();
    expect(await c.call('app.info', {})).toMatchObject({ ok: true, value: { name: 'Custode', mode: 'browser' } });
    expect(await c.call('settings.update', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    c.close();
  });

  it('refuses an unknown call and returns a typed error for invalid input', async () => {
    const c = await open();
    expect(await c.call('host.format', {})).toMatchObject({ ok: false, error: { code: 'ipc.unknownMethod' } });
    expect(await c.call('settings.update', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    expect(await c.call('jobs.cancel', { jobId: 'job-none' })).toMatchObject({ ok: false, error: { code: 'job.notFound' } });
    c.close();
  });

  it('runs a job: start returns an id, progress and done arrive as events', async () => {
    const c = await open();
    const started = await c.call('diagnostics.start', {});
    expect(started.ok).toBe(true);
    const { jobId } = (started as { ok: true; value: { jobId: string } }).value;
    await c.event('job:progress', (p) => p.jobId === jobId);
    const done = await c.event('job:done', (p) => p.jobId === jobId);
    expect(done).toMatchObject({ state: 'succeeded', result: { items: expect.arrayContaining([expect.objectContaining({ id: 'sqlite', status: 'ok' })]) } });
    c.close();
  });

  it('serves the renderer only under its own host name and never outside its folder', async () => {
    expect(await httpStatus('/index.html')).toBe(200);
    expect(await httpStatus('/index.html', 'rebind.example:80')).toBe(421);
    expect(await httpStatus('/../../etc/passwd')).not.toBe(200);
    expect(await httpStatus('/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await httpStatus('/..%2f..%2f..%2fetc%2fpasswd')).toBe(403);
  });
});

describe('who may connect', () => {
  it('refuses another origin, no origin and a rebound host name at the upgrade', async () => {
    await expect(open({ session }, { Origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(open({ session }, {})).rejects.toMatchObject({ status: 403 });
    await expect(open({ session }, { Origin: host.origin, Host: 'rebind.example' })).rejects.toMatchObject({ status: 403 });
  });

  it('admits a launch code once: a second use of the same address is refused', async () => {
    const code = launchCode(host.launchUrl());
    const first = await open({ code });
    expect(first.session).toBe(session);
    expect(await first.call('app.info', {})).toMatchObject({ ok: true });
    first.close();
    await expect(open({ code })).rejects.toEqual(new Refused(4401));
  });

  it('lets a launch code die after 30 s unused', async () => {
    const code = launchCode(host.launchUrl());
    clock += LAUNCH_CODE_TTL_MS;
    await expect(open({ code })).rejects.toEqual(new Refused(4401));
  });

  it('refuses a wrong session, an empty hello and a call before the hello', async () => {
    await expect(open({ session: 'wrong' })).rejects.toEqual(new Refused(4401));
    await expect(open({})).rejects.toEqual(new Refused(4401));
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers: { Origin: host.origin } });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 1, name: 'app.info', input: {} }));
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    expect(code).toBe(4401);
  });
});

describe('no request or frame ends the server', () => {
  it('answers 400 to malformed paths and request targets', async () => {
    expect(await httpStatus('/%E0')).toBe(400);
    expect(await httpStatus('/%')).toBe(400);
    expect(await httpStatus('/a%00b')).toBe(400);
    for (const target of ['//[', '//evil.example/index.html', 'http://evil.example/index.html', '*']) {
      const answer = await rawHttp(host.port, `GET ${target} HTTP/1.1\r\nHost: ${host.origin.slice(7)}\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    }
    await stillServes();
  });

  it('answers 400 to an upgrade whose target is not a URL, before any other check', async () => {
    for (const target of ['//[', '/%E0', '/ipc%', '//evil.example/ipc']) {
      const peer = await rawUpgrade(host.port, target, 'http://evil.example');
      expect(peer.status).toBe(400);
      peer.socket.destroy();
    }
    await stillServes();
  });

  it('closes only the socket that sends a frame over the limit', async () => {
    const bystander = await open();
    const peer: RawPeer = await rawUpgrade(host.port, '/ipc', host.origin);
    expect(peer.status).toBe(101);
    // The header alone announces more than the limit: ws refuses it without waiting for the bytes.
    peer.socket.write(frame(1, Buffer.alloc(0), MAX_REQUEST_BYTES + 1));
    expect(await peer.closeCode()).toBe(1009);
    expect(await bystander.call('app.info', {})).toMatchObject({ ok: true });
    bystander.close();
  });

  it('closes only the socket that sends a text frame with invalid UTF-8', async () => {
    const peer = await rawUpgrade(host.port, '/ipc', host.origin);
    peer.socket.write(frame(1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])));
    expect(await peer.closeCode()).toBe(1007);
    await stillServes();
  });

  it('closes only the socket that breaks the protocol (unmasked frame, reserved opcode)', async () => {
    const unmasked = await rawUpgrade(host.port, '/ipc', host.origin);
    unmasked.socket.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    expect(await unmasked.closeCode()).toBe(1002);
    const reserved = await rawUpgrade(host.port, '/ipc', host.origin);
    reserved.socket.write(frame(3, Buffer.from('x')));
    expect(await reserved.closeCode()).toBe(1002);
    await stillServes();
  });

  it('closes a socket whose frames are not requests, and survives a peer that resets mid-handshake', async () => {
    for (const body of ['not json', '[]', 'null', JSON.stringify({ id: 1, name: { toString: 1 }, input: {} })]) {
      const c = await open();
      c.ws.send(body);
      const code = await new Promise<number>((r) => c.ws.once('close', (c) => r(c)));
      expect(code).toBe(1003);
    }
    const half = tcpConnect(host.port, '127.0.0.1');
    await new Promise((r) => half.once('connect', r));
    half.write(`GET /ipc HTTP/1.1\r\nHost: ${host.origin.slice(7)}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${host.origin}\r\n\r\n`);
    half.resetAndDestroy();
    await stillServes();
  });

  it('takes a legal 1.5 MB call: the limit is the largest input the contract allows', async () => {
    const bounds = Object.values(requestFrameBounds()).filter(Number.isFinite);
    expect(MAX_REQUEST_BYTES).toBe(Math.max(...bounds));
    expect(MAX_REQUEST_BYTES).toBeGreaterThanOrEqual(requestFrameBounds()['ssh.trust.importKnownHosts']!);
    // 4 Mi characters of known_hosts text, each written as at most six bytes of JSON.
    expect(MAX_REQUEST_BYTES).toBeGreaterThanOrEqual(6 * 4 * 1024 * 1024);
    const line = '# a comment line of a known_hosts file, padded to make the text large\n';
    const text = line.repeat(Math.ceil(1.5e6 / line.length));
    const c = await open();
    expect(await c.call('ssh.trust.importKnownHosts', { text })).toMatchObject({ ok: true, value: { imported: [], skipped: expect.any(Number) } });
    const worst = '\u0001'.repeat(4 * 1024 * 1024);
    expect(Buffer.byteLength(JSON.stringify({ id: 2, name: 'ssh.trust.importKnownHosts', input: { text: worst } }))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    c.close();
  });
});
