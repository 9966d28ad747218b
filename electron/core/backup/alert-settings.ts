import type { DatabaseSync } from 'node:sqlite';
import { BackupAlertSettings, DEFAULT_GRACE_MINUTES } from '../../../shared/model/backup-history.ts';

/**
 * How long after its scheduled time a run may leave its log before it counts as missed: the user's setting, kept in
 * the settings table under its own key (a damaged value falls back to the default, 2 hours).
 */
const KEY = 'backup.missedRunGraceMinutes';

export class AlertSettings {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(): BackupAlertSettings {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    let stored: unknown = undefined;
    try {
      stored = row === undefined ? undefined : JSON.parse(row.value);
    } catch {
      // A damaged value: the default stands.
    }
    const parsed = BackupAlertSettings.shape.graceMinutes.safeParse(stored);
    return { graceMinutes: parsed.success ? parsed.data : DEFAULT_GRACE_MINUTES };
  }

  update(settings: BackupAlertSettings): BackupAlertSettings {
    const { graceMinutes } = BackupAlertSettings.parse(settings);
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(graceMinutes));
    return this.get();
  }
}
