/**
 * Where credentials live. Electron supplies the OS keychain (safeStorage, async API); other hosts supply
 * what they can, and say so through `backend()` so the UI can warn.
 */
export type SecretBackend =
  | { kind: 'os-keychain'; name: string }
  /** Linux without a keyring: safeStorage falls back to a fixed key. The user must agree explicitly. */
  | { kind: 'basic-text'; name: string }
  /** Secrets are kept in memory for this process only (browser mode, tests). */
  | { kind: 'memory'; name: string }
  | { kind: 'unavailable'; name: string };

export interface SecretStore {
  backend(): Promise<SecretBackend>;
  get(key: string): Promise<string | null>;
  /** Whether a value is kept under `key`, without decrypting it. */
  has(key: string): Promise<boolean>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
