// The ingest as its own process, for the crash-safety test: opens the catalog, says "ready", imports a folder,
// says "done". The test kills it with SIGKILL at a random moment in between.
import { join } from 'node:path';
import { openDatabase } from '../../../electron/core/catalog/database.ts';
import { LogCatalog } from '../../../electron/core/logs/log-catalog.ts';

const [dataDir, folder] = process.argv.slice(2) as [string, string];
const db = openDatabase(join(dataDir, 'custode.sqlite'));
const catalog = new LogCatalog(db, dataDir);
process.stdout.write('ready\n');
await catalog.import(folder, { host: 'esxi-02' });
db.close();
process.stdout.write('done\n');
