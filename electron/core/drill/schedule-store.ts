import type { DatabaseSync } from 'node:sqlite';
import { DrillSchedule } from '../../../shared/model/drill.ts';
import { readSetting, writeSetting } from '../settings/setting-row.ts';

/** The drills the app starts by itself, kept in the settings table under their own key (damaged: none). */
const KEY = 'drill.schedule';

export class DrillScheduleStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(): DrillSchedule {
    const parsed = DrillSchedule.safeParse(readSetting(this.#db, KEY));
    return parsed.success ? parsed.data : { entries: [] };
  }

  set(schedule: DrillSchedule): DrillSchedule {
    writeSetting(this.#db, KEY, DrillSchedule.parse(schedule));
    return this.get();
  }
}
