import { DatabaseSync } from 'node:sqlite';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from '../app/private-files.ts';
import { migrations } from './migrations.ts';

/**
 * Custode's local database (node:sqlite: no native module, no Electron rebuild). All SQL lives in
 * `core/catalog/`; everything else asks these modules.
 */
export function openDatabase(file: string): DatabaseSync {
  let db: DatabaseSync;
  try {
    if (file !== ':memory:') {
      // Owner-only before SQLite opens it: the database holds host pins and probe facts.
      ensurePrivateDir(dirname(file));
      ensurePrivateFile(file);
      for (const sidecar of ['-wal', '-shm', '-journal']) tightenIfPresent(file + sidecar);
    }
    db = new DatabaseSync(file);
  } catch (error) {
    throw new AppError('catalog.openFailed', `Cannot open the database at ${file}`, { file, cause: String(error) });
  }
  // A 64 MB page cache (SQLite's default is 2 MB): the log catalog of a site is hundreds of MB, and with the default
  // one search's index pages push the last one's out, so every search read its pages from the file again (the
  // catalog bench's p50 and p95 fell by a third with it). It fills only as pages are read.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536;');
  migrate(db);
  return db;
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: DatabaseSync): number {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (current > migrations.length) {
    throw new AppError('catalog.tooNew', `The database was written by a newer Custode (schema ${current}, this one knows ${migrations.length})`, {
      schema: current,
      known: migrations.length,
    });
  }
  for (let version = current; version < migrations.length; version++) {
    db.exec('BEGIN');
    try {
      db.exec(migrations[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new AppError('catalog.migrationFailed', `Migration ${version + 1} failed`, { version: version + 1, cause: String(error) });
    }
  }
  return migrations.length;
}
