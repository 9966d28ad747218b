import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data folder holds the database (pins, probe facts) and the sealed secrets: only its owner may read it.
 * On Windows the user's profile already scopes it and POSIX modes mean nothing, so nothing is changed there.
 */
const POSIX = process.platform !== 'win32';

/** Creates the folder (and its parents) if needed, and makes it 0700 whether it was new or not. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/**
 * Creates the file empty if it does not exist, and makes it 0600. SQLite gives its -wal and -shm files the mode
 * of the database file, so creating the database this way first keeps those private too.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (POSIX) chmodSync(file, 0o600);
}

/** Makes an existing file 0600 (files an older Custode created with the default mode); absent is fine. */
export function tightenIfPresent(file: string): void {
  if (POSIX && existsSync(file)) chmodSync(file, 0o600);
}
