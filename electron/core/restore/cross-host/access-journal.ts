import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors/app-error.ts';
import { NfsVersion } from '../../../../shared/model/datastore.ts';
import { StepTarget } from '../../../../shared/model/operation.ts';
import { OpenAccess } from '../../../../shared/model/restore-access.ts';

/**
 * What a temporary share access changed, written BEFORE the change is sent and removed only once the close proved
 * everything back as it was: after a crash, the next start finds the entry and closes it (closeLeftoverAccesses).
 * A JSON file in the app's data folder (`restore-access.json`), rewritten whole through a rename so a crash leaves
 * either the old or the new file, never half of one. No catalog migration is needed for a handful of entries.
 */
export const JOURNAL_FILE = 'restore-access.json';

const HostTarget = StepTarget.options[0];

export const JournalEntry = z.object({
  id: z.string().min(1),
  openedAt: z.number(),
  host: HostTarget,
  nas: HostTarget,
  mount: z.object({ volume: z.string(), server: z.string(), share: z.string(), version: NfsVersion }),
  change: z
    .object({
      original: z.object({ id: z.number().int(), fields: z.record(z.string(), z.unknown()), text: z.string() }),
      widenedHosts: z.array(z.string()),
    })
    .nullable(),
  /**
   * How the last attempt to close it ended, by whichever process tried (the app at start or on demand, or the
   * `custode` command): kept here so that each of them shows it. Absent in files written before it was kept.
   */
  lastError: OpenAccess.shape.lastError.optional(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export class AccessJournal {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, JOURNAL_FILE);
  }

  list(): JournalEntry[] {
    if (!existsSync(this.#file)) return [];
    const parsed = z.array(JournalEntry).safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
    if (!parsed.success) throw new AppError('restore.access.journalUnreadable', `${this.#file} is not a list of share accesses: keep it, and undo what it names by hand`, { file: this.#file });
    return parsed.data;
  }

  get(id: string): JournalEntry | null {
    return this.list().find((e) => e.id === id) ?? null;
  }

  put(entry: JournalEntry): void {
    this.#write([...this.list().filter((e) => e.id !== entry.id), entry]);
  }

  remove(id: string): void {
    this.#write(this.list().filter((e) => e.id !== id));
  }

  #write(entries: JournalEntry[]): void {
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.#file);
  }
}
