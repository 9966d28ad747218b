#!/usr/bin/env node
// Launcher for the `custode` command. The CLI is TypeScript run directly by Node's type stripping
// (Node >= 22.18 / 23.6, on by default), so this file stays plain JavaScript and only checks for it.
if (!process.features.typescript) {
  process.stderr.write(`custode: Node ${process.versions.node} cannot run TypeScript sources; use Node 24 (npm install gives node_modules/.bin/node)\n`);
  process.exit(2);
}
const { runCli, nodeIo } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
