import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../../core/app/create-core.ts';
import { fail } from '../../../shared/ipc/result.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/ipc/channels.ts';
import { trustedSender } from './trusted-sender.ts';

const senderOf = (event: IpcMainInvokeEvent) => {
  try {
    return event.senderFrame;
  } catch {
    return null;
  }
};

export function connectIpc(core: Core, window: BrowserWindow, devServerUrl: string | undefined): () => void {
  const calls = new AbortController();
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!trustedSender(senderOf(event), devServerUrl)) return fail({ code: 'ipc.untrustedSender', message: 'Call refused: unknown sender' });
    return core.router.dispatch(name, input, { signal: calls.signal });
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    calls.abort();
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
