import { WIRE_REFUSED, type Bridge, type WireHello, type WireMessage } from '../../shared/ipc/bridge.ts';
import type { EventName } from '../../shared/ipc/contract.ts';
import { fail, type Result } from '../../shared/ipc/result.ts';

export interface WebSocketBridge {
  bridge: Bridge;
  /** The session once the host welcomed this page's hello; null when it refused it (a used or expired code). */
  admitted: Promise<string | null>;
}

/**
 * Browser mode's transport: the same Bridge as the preload, over the host's WebSocket. The first frame is the
 * hello (a launch code or this tab's session); calls wait for the welcome. Calls made while the socket is down
 * fail at once with `ipc.disconnected` instead of hanging.
 */
export function createWebSocketBridge(url: string, hello: WireHello, onConnectionLost: () => void): WebSocketBridge {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;
  let admit: (session: string | null) => void = () => {};
  const admitted = new Promise<string | null>((resolve) => (admit = resolve));

  socket.addEventListener('open', () => socket.send(JSON.stringify(hello)), { once: true });
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as WireMessage;
    if (data.kind === 'welcome') admit(data.session);
    else if (data.kind === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', (event) => {
    closed = true;
    admit(null);
    for (const resolve of pending.values()) resolve(fail({ code: 'ipc.disconnected', message: 'Connection lost' }));
    pending.clear();
    if (event.code !== WIRE_REFUSED) onConnectionLost();
  });

  const bridge: Bridge = {
    async invoke(name, input) {
      await admitted;
      if (closed) return fail({ code: 'ipc.disconnected', message: 'Connection lost' });
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, name, input }));
      });
    },
    on(event: EventName, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return { bridge, admitted };
}
