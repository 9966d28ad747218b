import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../../shared/ipc/bridge.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/channels.ts';
import { isEventName, isMethodName } from '../../shared/ipc/contract.ts';
import { fail } from '../../shared/ipc/result.ts';

/**
 * The whole surface the page gets: invoke(name, input) and on(event, cb) → unsubscribe. Names outside the
 * contract never reach main, and listeners never see Electron's event object.
 */
const bridge: Bridge = {
  invoke(name, input) {
    if (!isMethodName(name)) return Promise.resolve(fail({ code: 'ipc.unknownMethod', message: `Unknown call: ${String(name)}` }));
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('custode', bridge);
