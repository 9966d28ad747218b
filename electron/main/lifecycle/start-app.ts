import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/app/create-core.ts';
import { defaultDataDir } from '../../core/app/default-data-dir.ts';
import { ensurePrivateDir } from '../../core/app/private-files.ts';
import { cliArgsFromAppArgv } from '../../cli/app-argv.ts';
import type { CliIo } from '../../cli/io.ts';
import { nodeIo, runCli } from '../../cli/main.ts';
import { SafeStorageSecretStore } from '../adapters/safe-storage-secret-store.ts';
import { connectIpc } from '../ipc/ipc-bridge.ts';
import { notifyRunsEnded } from '../notifications/run-ended-notice.ts';
import { installSecurityGuards } from '../security/guards.ts';
import { registerAppScheme, serveRenderer } from '../windows/app-protocol.ts';
import { createMainWindow, rendererDirFor } from '../windows/main-window.ts';
import { installAppMenu } from './app-menu.ts';
import { flushed } from './flush-stdio.ts';

export interface StartOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where the built main bundle lives (preload and renderer are beside it). */
  mainDir: string;
  /** `electron .` in a checkout (argv has the app path after the binary). */
  defaultApp: boolean;
  io?: CliIo;
  stdio?: readonly NodeJS.WritableStream[];
}

/**
 * Everything the desktop binary does from its first line. `custode <group> …` runs the CLI to the end and exits
 * before anything GUI exists (the caller awaits this from the entry module, and Electron does not go on to start
 * Chromium while the entry module is still evaluating): over SSH or cron there is no display to find.
 */
export async function startApp(options: StartOptions): Promise<void> {
  const cliArgs = cliArgsFromAppArgv(options.argv, options.defaultApp);
  if (cliArgs) {
    const code = await runCli(cliArgs, options.io ?? nodeIo());
    await flushed(options.stdio ?? [process.stdout, process.stderr]);
    app.exit(code);
    return;
  }

  // CUSTODE_HOME lets a second site (or a test) keep its own data; userData must be set before anything reads it,
  // and Electron's setPath throws on a relative path or one it cannot use.
  if (options.env.CUSTODE_HOME) {
    const home = defaultDataDir(options.env);
    try {
      ensurePrivateDir(home);
      app.setPath('userData', home);
    } catch (error) {
      dialog.showErrorBox('Custode', `Custode cannot use its data folder ${home} (CUSTODE_HOME): ${String(error)}`);
      app.exit(1);
      return;
    }
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  let core: Core | null = null;
  let window: BrowserWindow | null = null;
  let disconnect: (() => void) | null = null;
  const devServerUrl = app.isPackaged ? undefined : options.env.ELECTRON_RENDERER_URL;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(() => {
    console.log(`Custode ${app.getVersion()} on Electron ${process.versions.electron}, Node ${process.versions.node}`);
    installSecurityGuards();
    installAppMenu();
    serveRenderer(rendererDirFor(options.mainDir));
    const dataDir = app.getPath('userData');
    core = createCore({
      dataDir,
      mode: 'electron',
      appVersion: app.getVersion(),
      // Without a working keyring nothing is stored until the user has said yes in the login dialog.
      secretStore: new SafeStorageSecretStore(join(dataDir, 'secrets.json'), () => core?.secretConsent.accepted() ?? false),
    });
    window = createMainWindow({
      preloadPath: join(options.mainDir, '../preload/index.cjs'),
      devServerUrl,
      iconPath: join(options.mainDir, '../renderer/icon.png'),
    });
    disconnect = connectIpc(core, window, devServerUrl);
    notifyRunsEnded(core.events, core.router);
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
