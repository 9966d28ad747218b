import WebSocket from 'ws';
import type { WireHello, WireMessage } from '../../../shared/ipc/bridge.ts';
import type { Result } from '../../../shared/ipc/result.ts';

/** Why a socket to browser mode ended before it was admitted: an HTTP refusal or a close code. */
export class Refused extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`refused: ${status}`);
    this.status = status;
  }
}

/**
 * A client of browser mode as the page is one: upgrade with our origin, say hello with a launch code or the
 * session, wait for the welcome, then call and listen.
 */
export class CoreSocket {
  readonly ws: WebSocket;
  readonly session: string;
  readonly messages: WireMessage[] = [];
  #nextId = 1;

  private constructor(ws: WebSocket, session: string) {
    this.ws = ws;
    this.session = session;
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data)) as WireMessage));
  }

  static open(port: number, hello: Omit<WireHello, 'kind'>, headers: Record<string, string> = { Origin: `http://127.0.0.1:${port}` }): Promise<CoreSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => reject(new Refused(res.statusCode ?? 0)));
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Refused(code)));
      ws.once('open', () => ws.send(JSON.stringify({ kind: 'hello', ...hello })));
      ws.once('message', (data) => {
        const first = JSON.parse(String(data)) as WireMessage;
        if (first.kind === 'welcome') resolve(new CoreSocket(ws, first.session));
        else reject(new Error(`expected a welcome, got ${first.kind}`));
      });
    });
  }

  call(name: string, input: unknown): Promise<Result<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as WireMessage;
        if (m.kind === 'result' && m.id === id) {
          this.ws.off('message', onMessage).off('close', onClose);
          resolve(m.result);
        }
      };
      const onClose = (code: number) => reject(new Refused(code));
      this.ws.on('message', onMessage).once('close', onClose);
      this.ws.send(JSON.stringify({ id, name, input }));
    });
  }

  async event(name: string, match: (payload: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.messages.find((m) => m.kind === 'event' && m.event === name && match(m.payload as Record<string, unknown>));
    if (seen && seen.kind === 'event') return seen.payload as Record<string, unknown>;
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as WireMessage;
        if (m.kind === 'event' && m.event === name && match(m.payload as Record<string, unknown>)) {
          this.ws.off('message', onMessage);
          resolve(m.payload as Record<string, unknown>);
        }
      };
      this.ws.on('message', onMessage);
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The one-time code of a launch address (`…/#launch=CODE`). */
export function launchCode(url: string): string {
  const code = new URLSearchParams(new URL(url).hash.slice(1)).get('launch');
  if (!code) throw new Error(`not a launch address: ${url}`);
  return code;
}
