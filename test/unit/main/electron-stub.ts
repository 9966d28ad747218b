import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in for the `electron` module, so the real main-process code runs under Node (no Electron binary here).
 * Wire it in a test with `vi.mock('electron', () => import('./electron-stub.ts'))`. Everything the code asks of
 * Electron is recorded in `recorded`; `resetElectron()` starts a test from nothing.
 * Behaviour copied from Electron where the code depends on it: `net.fetch` of a missing file rejects (net::ERR_FILE_NOT_FOUND),
 * `app.setPath` throws on a relative path, `ipcMain.handle` throws on a second handler for one channel.
 */

type Handler = (...args: never[]) => unknown;

/** A promise and its resolve (Promise.withResolvers is newer than the project's lib setting). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly loads: string[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits like Electron: listeners get an event whose preventDefault is recorded. */
  emitCancelable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => void (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances;
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly loads: string[] = [];
  shown = false;
  destroyed = false;
  minimized = false;
  focused = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return recorded.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  readonly exits: number[] = [];
  quits = 0;
  isPackaged = false;
  singleInstance = true;
  #ready = deferred();
  setPath(name: string, path: string): void {
    // Electron: "Path must be absolute" (an error thrown from C++).
    if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) throw new Error(`Path must be absolute: ${path}`);
    this.paths.set(name, path);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/nonexistent/${name}`;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  exit(code = 0): void {
    this.exits.push(code);
  }
  quit(): void {
    this.quits++;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.#ready.promise;
  }
  /** The test's "Electron finished starting". */
  becomeReady(): void {
    this.#ready.resolve();
    this.emit('ready');
  }
  reset(): void {
    this.removeAllListeners();
    this.paths.clear();
    this.exits.length = 0;
    this.quits = 0;
    this.isPackaged = false;
    this.singleInstance = true;
    this.#ready = deferred();
  }
}

export const app = new FakeApp();

export const recorded = {
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  errorBoxes: [] as [string, string][],
  openedExternally: [] as string[],
  menus: 0,
  notifications: [] as { title: string; body: string }[],
  exposed: new Map<string, unknown>(),
  /** What BrowserWindow.loadURL resolves to; a test replaces it to make a load fail. */
  loadURL: (_url: string): Promise<void> => Promise.resolve(),
  safeStorage: {
    available: true,
    /** The prefix Chromium's os_crypt puts on what it encrypted: v11 keyring key, v10 the fixed key on Linux. */
    prefix: 'v11',
    backend: 'gnome_libsecret' as string,
    reEncrypt: false,
    encryptFails: false,
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    recorded.ipcHandlers.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  /** Electron's net.fetch for file: URLs: the bytes, or a rejection when the file cannot be read. */
  async fetch(url: string): Promise<Response> {
    if (!url.startsWith('file:')) throw new Error(`stub net.fetch only reads file: URLs, got ${url}`);
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'Content-Type': 'text/html' } });
    } catch {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    }
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Handler): void {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler): void {
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    recorded.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorded.errorBoxes.push([title, content]);
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]): unknown[] {
    return template;
  },
  setApplicationMenu(): void {
    recorded.menus++;
  },
};

export const safeStorage = {
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return recorded.safeStorage.available;
  },
  getSelectedStorageBackend(): string {
    return recorded.safeStorage.backend;
  },
  async encryptStringAsync(plain: string): Promise<Buffer> {
    if (recorded.safeStorage.encryptFails) throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync');
    // Reversible and visibly not the plain text: the prefix, then the bytes reversed.
    return Buffer.concat([Buffer.from(recorded.safeStorage.prefix), Buffer.from(plain, 'utf8').reverse()]);
  },
  async decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    return { result: Buffer.from(sealed.subarray(3)).reverse().toString('utf8'), shouldReEncrypt: recorded.safeStorage.reEncrypt };
  },
};

/** Electron's main-process Notification: each one shown is recorded with its options. */
export class Notification {
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    this.options = options;
  }
  show(): void {
    recorded.notifications.push(this.options);
  }
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorded.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: null });
  }
}
export const ipcRenderer = new FakeIpcRenderer();

/** A web frame as Electron describes the sender of an IPC message. */
export function frame(url: string, origin: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, origin, parent };
}

export function resetElectron(): void {
  app.reset();
  BrowserWindow.instances = [];
  recorded.ipcHandlers.clear();
  recorded.protocolHandlers.clear();
  recorded.privilegedSchemes.length = 0;
  recorded.permissionRequestHandler = null;
  recorded.permissionCheckHandler = null;
  recorded.errorBoxes.length = 0;
  recorded.openedExternally.length = 0;
  recorded.menus = 0;
  recorded.notifications.length = 0;
  Notification.supported = true;
  recorded.exposed.clear();
  recorded.loadURL = () => Promise.resolve();
  Object.assign(recorded.safeStorage, { available: true, prefix: 'v11', backend: 'gnome_libsecret', reEncrypt: false, encryptFails: false });
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
}

export default { app, BrowserWindow, ipcMain, protocol, net, session, shell, dialog, Menu, Notification, safeStorage, contextBridge, ipcRenderer };
