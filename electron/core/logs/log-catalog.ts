import type { DatabaseSync } from 'node:sqlite';
import { CatalogReader } from './catalog-reader.ts';
import { CatalogWriter } from './catalog-writer.ts';
import { importPath, type ImportedFile, type ImportOptions } from './import-files.ts';
import type { IngestDeps } from './ingest.ts';
import { LogHosts } from './log-hosts.ts';
import { RawStore } from './raw-store.ts';

/** The log catalog of one data folder: its database tables, the raw files beside it, and who owns each log. */
export class LogCatalog implements IngestDeps {
  readonly writer: CatalogWriter;
  readonly reader: CatalogReader;
  readonly raw: RawStore;
  readonly hosts: LogHosts;

  constructor(db: DatabaseSync, dataDir: string) {
    // WAL with synchronous=NORMAL never corrupts the database (a kill or a crash keeps every committed file);
    // only a power cut may lose the last commits, which the next harvest fetches again. FULL costs an fsync per file.
    db.exec('PRAGMA synchronous = NORMAL');
    this.writer = new CatalogWriter(db);
    this.reader = new CatalogReader(db);
    this.raw = new RawStore(dataDir);
    this.hosts = new LogHosts(db);
  }

  import(path: string, options: ImportOptions = {}): Promise<ImportedFile[]> {
    return importPath(this, path, options);
  }
}
