import type { DatabaseSync } from 'node:sqlite';

/**
 * One preference kept as a JSON value under its own key of the settings table, for the areas that keep theirs apart
 * from the app's Settings (the secret-storage consent, the backup alerts' grace). undefined: never set, or damaged.
 */
export function readSetting(db: DatabaseSync, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row.value);
  } catch {
    return undefined;
  }
}

export function writeSetting(db: DatabaseSync, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
