import { contextBridge, ipcRenderer } from 'electron';
import type { IpcNames } from '../../shared/ipc/names.ts';
import { createBridge } from './bridge.ts';

/** The contract's names, written in by the build (electron.vite.config.ts `define`). */
declare const __CUSTODE_IPC_NAMES__: IpcNames;

contextBridge.exposeInMainWorld('custode', createBridge(ipcRenderer, __CUSTODE_IPC_NAMES__));
