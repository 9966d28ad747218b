import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { ipcNames } from './shared/ipc/names.ts';

// Custom layout (no src/): main and preload from electron/, the renderer from renderer/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    // Only the contract's names reach the sandboxed preload, not its schemas (zod).
    define: { __CUSTODE_IPC_NAMES__: JSON.stringify(ipcNames()) },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload runs as plain CommonJS, bundled whole.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
