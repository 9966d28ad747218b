import type { DatabaseSync } from 'node:sqlite';

const KEY = 'secrets.basicTextAccepted';

/**
 * The user's explicit agreement that, on a Linux desktop without a keyring (safeStorage's `basic_text`
 * backend), remembered secrets may be kept encrypted with a fixed key. Kept as one row of the settings table;
 * absent means "no", so nothing is ever stored that way by default.
 */
export class SecretConsent {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  accepted(): boolean {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    return row?.value === 'true';
  }

  set(accepted: boolean): void {
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(accepted));
  }
}
