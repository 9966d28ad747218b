import type { SecretBackend, SecretStore } from './secret-store.ts';

/** Keeps secrets for the life of the process only; never writes them anywhere. */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();

  async backend(): Promise<SecretBackend> {
    return { kind: 'memory', name: 'process memory' };
  }
  async get(key: string): Promise<string | null> {
    return this.#values.get(key) ?? null;
  }
  async has(key: string): Promise<boolean> {
    return this.#values.has(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }
}
