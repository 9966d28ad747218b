import { safeStorage } from 'electron';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { SecretBackend, SecretStore } from '../../core/ports/secret-store.ts';

type Vault = Record<string, string>;

const PROBE = 'custode keychain probe';
/**
 * What Chromium's os_crypt puts before a ciphertext on Linux: `v11` when the key came from a keyring (Secret
 * Service, KWallet), `v10` when it is the fixed fallback key anyone can reproduce.
 */
const KEYRING_PREFIX = 'v11';

/**
 * Secrets encrypted by the OS keychain (safeStorage's async API) and kept as ciphertext in one file.
 * Without a working keyring on Linux the encryption key is a constant, so nothing is stored unless the user
 * has accepted that explicitly. Writes go through one queue: each replaces the file atomically (unique temp name,
 * fsync, rename), so concurrent set() calls all land.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: string;
  readonly #basicTextAccepted: () => boolean;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(file: string, basicTextAccepted: () => boolean) {
    this.#file = file;
    this.#basicTextAccepted = basicTextAccepted;
  }

  /**
   * On Linux `isAsyncEncryptionAvailable()` is true even with only the fixed key, and the selected backend is a
   * guess from the desktop session: what a probe string is actually encrypted with decides.
   */
  async backend(): Promise<SecretBackend> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return { kind: 'unavailable', name: 'safeStorage' };
    if (process.platform !== 'linux') return { kind: 'os-keychain', name: process.platform === 'darwin' ? 'Keychain' : 'DPAPI' };
    let sealed: Buffer;
    try {
      sealed = await safeStorage.encryptStringAsync(PROBE);
    } catch {
      return { kind: 'unavailable', name: 'safeStorage' };
    }
    const name = safeStorage.getSelectedStorageBackend();
    return sealed.subarray(0, 3).toString('latin1') === KEYRING_PREFIX ? { kind: 'os-keychain', name } : { kind: 'basic-text', name: 'basic_text' };
  }

  async get(key: string): Promise<string | null> {
    const vault = await this.#read();
    const sealed = vault[key];
    if (sealed === undefined) return null;
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
    // A better key became available: worth storing again, but the secret was read either way.
    if (shouldReEncrypt) await this.set(key, result).catch(() => undefined);
    return result;
  }

  async has(key: string): Promise<boolean> {
    return Object.hasOwn(await this.#read(), key);
  }

  set(key: string, value: string): Promise<void> {
    return this.#inTurn(async () => {
      const backend = await this.backend();
      if (backend.kind === 'unavailable') throw new AppError('secrets.unavailable', 'The OS keychain is not available');
      if (backend.kind === 'basic-text' && !this.#basicTextAccepted()) {
        throw new AppError('secrets.basicTextNotAccepted', 'No keyring: secrets would be stored with a fixed key');
      }
      const vault = await this.#read();
      vault[key] = (await safeStorage.encryptStringAsync(value)).toString('base64');
      await this.#write(vault);
    });
  }

  delete(key: string): Promise<void> {
    return this.#inTurn(async () => {
      const vault = await this.#read();
      if (!Object.hasOwn(vault, key)) return;
      delete vault[key];
      await this.#write(vault);
    });
  }

  /** Changes of the file run one at a time, in the order they were asked; a failed one does not stop the next. */
  #inTurn(change: () => Promise<void>): Promise<void> {
    const run = this.#writes.then(change);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #read(): Promise<Vault> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as Vault;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError('secrets.unreadable', `Cannot read ${this.#file}`, { cause: String(error) });
    }
  }

  async #write(vault: Vault): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
    const tmp = `${this.#file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(vault));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.#file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
}
