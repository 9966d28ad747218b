import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/app/create-core.ts';
import { SafeStorageSecretStore } from './adapters/safe-storage-secret-store.ts';
import { connectIpc } from './ipc/ipc-bridge.ts';
import { installAppMenu } from './lifecycle/app-menu.ts';
import { installSecurityGuards } from './security/guards.ts';
import { registerAppScheme, serveRenderer } from './windows/app-protocol.ts';
import { createMainWindow, rendererDirFor } from './windows/main-window.ts';
import { cliArgsFromAppArgv } from '../cli/app-argv.ts';
import { nodeIo, runCli } from '../cli/main.ts';

const cliArgs = cliArgsFromAppArgv(process.argv, app.isPackaged);

// CUSTODE_HOME lets a second site (or a test) keep its own data; it must be set before anything reads userData.
if (process.env.CUSTODE_HOME) app.setPath('userData', process.env.CUSTODE_HOME);

if (cliArgs) {
  // `custode log parse …` from an installed app: no window, no single-instance lock, just the command.
  void runCli(cliArgs, nodeIo()).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let core: Core | null = null;
  let window: BrowserWindow | null = null;
  let disconnect: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(() => {
    console.log(`Custode ${app.getVersion()} on Electron ${process.versions.electron}, Node ${process.versions.node}`);
    installSecurityGuards();
    installAppMenu();
    const mainDir = import.meta.dirname;
    serveRenderer(rendererDirFor(mainDir));
    const dataDir = app.getPath('userData');
    core = createCore({
      dataDir,
      mode: 'electron',
      appVersion: app.getVersion(),
      // Without a keyring (basic_text) nothing is stored until the user has said yes in the login dialog.
      secretStore: new SafeStorageSecretStore(join(dataDir, 'secrets.json'), () => core?.secretConsent.accepted() ?? false),
    });
    window = createMainWindow({
      preloadPath: join(mainDir, '../preload/index.cjs'),
      devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
      iconPath: join(mainDir, '../renderer/icon.png'),
    });
    disconnect = connectIpc(core, window, app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
    window.on('closed', () => {
      disconnect?.();
      window = null;
    });
  }).catch((error: unknown) => {
    dialog.showErrorBox('Custode', `Custode could not start: ${String(error)}`);
    app.quit();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
