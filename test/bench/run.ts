/**
 * `npm run bench [name…]`: runs every test/bench/*.bench.ts (or the named ones) one after the other and
 * prints their report lines. Each bench measures its own baseline in the same run and reports ratios.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 0) {
  console.error(wanted.length ? `No benchmark matches: ${wanted.join(', ')}` : 'No benchmarks found');
  process.exit(2);
}

let failures = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n== ${name}`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<string[]> };
    for (const line of await mod.default()) console.log(`  ${line}`);
  } catch (error) {
    failures++;
    console.log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
