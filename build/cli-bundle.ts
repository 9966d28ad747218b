/**
 * Builds the `custode` command into out/cli/custode.mjs (`npm run build` runs it after electron-vite): one ES module
 * plus a chunk per command group, so a start parses a few hundred kB of JavaScript instead of type-stripping every
 * .ts file. Dependencies (ssh2, zod) stay in node_modules. Beside it, sources.json lists every source file that went
 * in: electron/cli/bin.mjs runs the bundle only while none of them is newer, else the sources themselves.
 */
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = join(root, 'out/cli');

/** Records the repository files the bundle was made from (not node_modules, not Node's own modules). */
function sourceList(): Plugin {
  return {
    name: 'custode-cli-sources',
    generateBundle() {
      const sources = [...this.getModuleIds()]
        .filter((id) => id.startsWith(root) && !id.includes('/node_modules/'))
        .map((id) => relative(root, id.split('?')[0]!))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: `${JSON.stringify({ sources }, null, 1)}\n` });
    },
  };
}

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  plugins: [sourceList()],
  build: {
    ssr: join(root, 'electron/cli/main.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'custode.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
  },
});
console.log(`custode CLI bundle: ${relative(root, join(outDir, 'custode.mjs'))}`);
