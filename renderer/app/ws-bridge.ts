import type { Bridge, WireMessage } from '../../shared/ipc/bridge.ts';
import type { EventName } from '../../shared/ipc/contract.ts';
import { fail, type Result } from '../../shared/ipc/result.ts';

/**
 * Browser mode's transport: the same Bridge as the preload, over the host's WebSocket. Calls made while the
 * socket is down fail at once with `ipc.disconnected` instead of hanging.
 */
export function createWebSocketBridge(url: string, onConnectionLost: () => void): Bridge {
  const socket = new WebSocket(url);
  const ready = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as WireMessage;
    if (data.kind === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(fail({ code: 'ipc.disconnected', message: 'Connection lost' }));
    pending.clear();
    onConnectionLost();
  });

  return {
    async invoke(name, input) {
      await Promise.race([ready, new Promise((r) => socket.addEventListener('close', r, { once: true }))]);
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
}
