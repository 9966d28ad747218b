import { safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { SecretBackend, SecretStore } from '../../core/ports/secret-store.ts';

type Vault = Record<string, string>;

/**
 * Secrets encrypted by the OS keychain (safeStorage's async API) and kept as ciphertext in one file.
 * With Linux's `basic_text` backend the encryption key is a constant, so nothing is stored unless the user
 * has accepted that explicitly.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: string;
  readonly #basicTextAccepted: () => boolean;

  constructor(file: string, basicTextAccepted: () => boolean) {
    this.#file = file;
    this.#basicTextAccepted = basicTextAccepted;
  }

  async backend(): Promise<SecretBackend> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return { kind: 'unavailable', name: 'safeStorage' };
    if (process.platform === 'linux') {
      const name = safeStorage.getSelectedStorageBackend();
      return name === 'basic_text' ? { kind: 'basic-text', name } : { kind: 'os-keychain', name };
    }
    return { kind: 'os-keychain', name: process.platform === 'darwin' ? 'Keychain' : 'DPAPI' };
  }

  async get(key: string): Promise<string | null> {
    const vault = await this.#read();
    const sealed = vault[key];
    if (sealed === undefined) return null;
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
    if (shouldReEncrypt) await this.set(key, result);
    return result;
  }

  async set(key: string, value: string): Promise<void> {
    const backend = await this.backend();
    if (backend.kind === 'unavailable') throw new AppError('secrets.unavailable', 'The OS keychain is not available');
    if (backend.kind === 'basic-text' && !this.#basicTextAccepted()) {
      throw new AppError('secrets.basicTextNotAccepted', 'No keyring: secrets would be stored with a fixed key');
    }
    const vault = await this.#read();
    vault[key] = (await safeStorage.encryptStringAsync(value)).toString('base64');
    await this.#write(vault);
  }

  async delete(key: string): Promise<void> {
    const vault = await this.#read();
    if (!(key in vault)) return;
    delete vault[key];
    await this.#write(vault);
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
    await mkdir(dirname(this.#file), { recursive: true });
    const tmp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(vault), { mode: 0o600 });
    await rename(tmp, this.#file);
  }
}
