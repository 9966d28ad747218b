import type { DatabaseSync } from 'node:sqlite';
import { BackupAlertSettings, DEFAULT_GRACE_MINUTES } from '../../../shared/model/backup-history.ts';
import { readSetting, writeSetting } from '../settings/setting-row.ts';

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
    const parsed = BackupAlertSettings.shape.graceMinutes.safeParse(readSetting(this.#db, KEY));
    return { graceMinutes: parsed.success ? parsed.data : DEFAULT_GRACE_MINUTES };
  }

  update(settings: BackupAlertSettings): BackupAlertSettings {
    const { graceMinutes } = BackupAlertSettings.parse(settings);
    writeSetting(this.#db, KEY, graceMinutes);
    return this.get();
  }
}
