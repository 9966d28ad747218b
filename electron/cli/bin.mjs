#!/usr/bin/env node
// Launcher for the `custode` command. It runs the built bundle (out/cli/custode.mjs, made by `npm run build`) while
// every source file that went into it is unchanged, which starts several times faster; otherwise the TypeScript
// sources directly through Node's type stripping (Node >= 22.18 / 23.6, on by default). Plain JavaScript either way.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const bundle = new URL('out/cli/custode.mjs', root);

/** The bundle, if it exists and no source listed in its sources.json is newer than it (or gone). */
function freshBundle() {
  try {
    const built = statSync(bundle).mtimeMs;
    const { sources } = JSON.parse(readFileSync(new URL('out/cli/sources.json', root), 'utf8'));
    return Array.isArray(sources) && sources.length > 0 && sources.every((s) => statSync(new URL(s, root)).mtimeMs <= built) ? bundle : null;
  } catch {
    return null;
  }
}

const entry = process.env.CUSTODE_CLI_FROM_SOURCES ? null : freshBundle();
if (entry === null && !process.features.typescript) {
  process.stderr.write(`custode: Node ${process.versions.node} cannot run TypeScript sources; use Node 24 (npm install gives node_modules/.bin/node), or run npm run build\n`);
  process.exit(2);
}
const { runCli, nodeIo } = await import(entry === null ? './main.ts' : entry.href);
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
