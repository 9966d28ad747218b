import { events, methods } from './contract.ts';

/**
 * The contract's method and event names, nothing else: the preload checks names against these and must not carry
 * the schemas (all of zod) to do it. electron.vite.config.ts bakes this into the preload bundle at build time.
 */
export interface IpcNames {
  methods: readonly string[];
  events: readonly string[];
}

export const ipcNames = (): IpcNames => ({ methods: Object.keys(methods), events: Object.keys(events) });
