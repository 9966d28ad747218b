import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../electron/core/catalog/database.ts';
import { migrations } from '../../../electron/core/catalog/migrations.ts';
import { SettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { defaultSettings } from '../../../shared/ipc/settings.ts';

describe('settings in SQLite', () => {
  it('starts from the defaults and persists changes across reopen', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'custode-settings-')), 'custode.sqlite');
    const db = openDatabase(file);
    const store = new SettingsStore(db);
    expect(store.get()).toEqual(defaultSettings);
    expect(store.update({ language: 'en', theme: 'dark' })).toEqual({ language: 'en', theme: 'dark' });
    db.close();
    const again = openDatabase(file);
    expect(new SettingsStore(again).get()).toEqual({ language: 'en', theme: 'dark' });
    again.close();
  });

  it('falls back to the default for a damaged or out-of-range value', () => {
    const db = openDatabase(':memory:');
    db.prepare('INSERT INTO settings VALUES (?, ?)').run('language', '"klingon"');
    db.prepare('INSERT INTO settings VALUES (?, ?)').run('theme', '{not json');
    expect(new SettingsStore(db).get()).toEqual(defaultSettings);
  });

  it('migrates once, and refuses a database from a newer Custode', () => {
    const db = new DatabaseSync(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length);
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'catalog.tooNew' }));
  });
});
