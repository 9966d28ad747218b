import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WIRE_REFUSED, type WireMessage, type WireRequest } from '../../shared/ipc/bridge.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc/csp.ts';
import type { Core } from '../core/app/create-core.ts';
import { MAX_REQUEST_BYTES } from './payload-limit.ts';
import { createSessionGate } from './session-gate.ts';

export interface WebHostOptions {
  core: Core;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The session secret; random unless a test fixes it (it never travels in a URL or on a command line). */
  session?: string;
  /** The clock that ages launch codes. */
  now?: () => number;
}

export interface WebHost {
  port: number;
  /** `http://127.0.0.1:<port>`, the only origin whose pages may call core. */
  origin: string;
  /** A fresh launch address: its one-time code (in the fragment) opens one session within 30 s. */
  launchUrl(): string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const HOST = '127.0.0.1';
/** A socket that has not said a valid hello by then is closed, so idle strangers hold nothing. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * The decoded path of a request target, or null when it is not an origin-form path that decodes. A target that
 * starts with `//` would name another authority when read as a URL (`//[` does not even parse): never ours.
 */
function requestPath(target: string | undefined): string | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    const path = decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}

/**
 * Browser mode: the same renderer and the same core as the desktop app, bridged over a WebSocket that only
 * 127.0.0.1 can reach, only our own origin can open, and only a page holding a launch code or the session can use.
 * No request or frame can end the process: bad targets are 400, and a socket's errors close that socket.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = resolve(options.rendererDir);
  const gate = createSessionGate(options.session, options.now);
  let origin = '';
  const ownHost = () => origin.slice('http://'.length);

  async function serveStatic(path: string, res: ServerResponse): Promise<void> {
    const file = normalize(join(root, path === '/' ? 'index.html' : path.slice(1)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = requestPath(req.url);
    if (path === null) {
      res.writeHead(400).end();
      return;
    }
    // DNS-rebinding guard: only our own address may be named as the host.
    if (req.headers.host !== ownHost()) {
      res.writeHead(421).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(path, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A peer that resets mid-handshake must cost this socket only.
    socket.on('error', () => socket.destroy());
    if (requestPath(req.url) === null) return refuseUpgrade(socket, '400 Bad Request');
    const allowed = requestPath(req.url) === '/ipc' && req.headers.host === ownHost() && req.headers.origin === origin;
    if (!allowed) return refuseUpgrade(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws));
  });

  function serveClient(ws: WebSocket): void {
    const calls = new AbortController();
    let unsubscribe: (() => void) | null = null;
    const send = (message: WireMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const helloTimer = setTimeout(() => ws.close(WIRE_REFUSED, 'no hello'), HELLO_TIMEOUT_MS);
    helloTimer.unref();

    // Over-size frames, invalid UTF-8, bad opcodes: ws has already begun closing this socket with the matching
    // code (1009, 1007, 1002) when it reports the error here; the listener is what keeps it from ending the process.
    ws.on('error', () => {});
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const frame = isBinary ? null : parseFrame(data);
      if (frame === null) {
        ws.close(1003, 'malformed frame');
        return;
      }
      if (!unsubscribe) {
        const session = 'kind' in frame && frame.kind === 'hello' ? gate.admit(frame) : null;
        if (!session) {
          ws.close(WIRE_REFUSED, 'unauthorized');
          return;
        }
        clearTimeout(helloTimer);
        unsubscribe = options.core.events.subscribe((event, payload) => send({ kind: 'event', event, payload }));
        send({ kind: 'welcome', session });
        return;
      }
      if (!isRequest(frame)) {
        ws.close(1003, 'malformed request');
        return;
      }
      void options.core.router.dispatch(frame.name, frame.input, { signal: calls.signal }).then((result) => send({ kind: 'result', id: frame.id, result }));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      unsubscribe?.();
      calls.abort();
    });
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, HOST, () => done());
  });
  // After listening, a failed accept (EMFILE under a flood) is reported here; the server keeps listening.
  server.on('error', (error) => console.error(`Browser mode: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;

  return {
    port,
    origin,
    launchUrl: () => `${origin}/#launch=${gate.newLaunchCode()}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function parseFrame(data: RawData): Record<string, unknown> | null {
  try {
    // The default binaryType hands every text frame over as one Buffer, already checked to be UTF-8.
    const value: unknown = JSON.parse(String(data));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isRequest(frame: Record<string, unknown>): frame is WireRequest & Record<string, unknown> {
  return Number.isSafeInteger(frame.id) && typeof frame.name === 'string';
}
