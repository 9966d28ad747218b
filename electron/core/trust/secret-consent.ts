import type { DatabaseSync } from 'node:sqlite';
import { readSetting, writeSetting } from '../settings/setting-row.ts';

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
    return readSetting(this.#db, KEY) === true;
  }

  set(accepted: boolean): void {
    writeSetting(this.#db, KEY, accepted);
  }
}
