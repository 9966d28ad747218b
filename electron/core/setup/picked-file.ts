import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors/app-error.ts';

/** A file the user picked on the workstation (a ghettoVCB.sh), read whole; one that cannot be read is said so. */
export function readPicked(path: string): { name: string; bytes: Buffer } {
  try {
    return { name: basename(path), bytes: readFileSync(path) };
  } catch (error) {
    throw new AppError('setup.fileUnreadable', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: path });
  }
}
