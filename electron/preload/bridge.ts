import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Bridge } from '../../shared/ipc/bridge.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/channels.ts';
import type { EventName, MethodName } from '../../shared/ipc/contract.ts';
import type { IpcNames } from '../../shared/ipc/names.ts';
import { fail } from '../../shared/ipc/result.ts';

/**
 * The whole surface the page gets: invoke(name, input) and on(event, cb) → unsubscribe. Names outside the
 * contract never reach main, and listeners never see Electron's event object. One ipcRenderer listener on the
 * event channel fans out to the page's subscribers, however many there are.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>, names: IpcNames): Bridge {
  const methods = new Set(names.methods);
  const events = new Set(names.events);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ipc.on(EVENT_CHANNEL, (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
    for (const listener of listeners.get(String(name)) ?? []) listener(payload);
  });
  return {
    invoke(name: MethodName, input: unknown) {
      if (!methods.has(name)) return Promise.resolve(fail({ code: 'ipc.unknownMethod', message: `Unknown call: ${String(name)}` }));
      return ipc.invoke(INVOKE_CHANNEL, name, input);
    },
    on(event: EventName, listener: (payload: unknown) => void) {
      if (!events.has(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      const own = (payload: unknown): void => listener(payload);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(own));
      return () => {
        set.delete(own);
      };
    },
  };
}
