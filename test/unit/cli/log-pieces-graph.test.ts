import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// log-pieces.ts starts workers on its own module (`import.meta.url`): in a bundle, on the chunk that holds it. That
// chunk must not pull in the CLI's entry nor the desktop app's (in the Electron bundle, the entry starts the app):
// the module is imported dynamically by `log parse`, and its own static imports stay within the parser.

const repo = join(import.meta.dirname, '../../..');

/** Static value imports of a TypeScript module (not `import type`, not `import()`), resolved to files. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^']+)';/gm), ...text.matchAll(/^export\s+[^'"]*?from\s+'([^']+)';/gm)]
    .map((m) => m[1]!)
    .map((spec) => (spec.startsWith('.') ? resolve(dirname(file), spec) : spec));
}

function closure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const next of staticImports(f)) if (next.startsWith('/')) visit(next);
  };
  visit(file);
  return seen;
}

describe('the module log parse workers load', () => {
  it('imports the parser and the formats, nothing of the CLI or the app', () => {
    const files = [...closure(join(repo, 'electron/cli/log-pieces.ts'))].map((f) => relative(repo, f)).sort();
    expect(files).toEqual([
      'electron/cli/log-formats.ts',
      'electron/cli/log-pieces.ts',
      'electron/core/ghettovcb/log/matcher.ts',
      'electron/core/ghettovcb/log/parser.ts',
      'electron/core/ghettovcb/log/run-cuts.ts',
      'electron/core/ghettovcb/log/templates.ts',
    ]);
    const modules = new Set([...closure(join(repo, 'electron/cli/log-pieces.ts'))].flatMap(staticImports).filter((m) => !m.startsWith('/')));
    expect([...modules].filter((m) => !m.startsWith('node:'))).toEqual([]);
  });

  it('is imported by `log parse` only when it runs, never with the command group', () => {
    const log = join(repo, 'electron/cli/commands/log.ts');
    expect(staticImports(log).filter((f) => f.includes('log-pieces') || f.includes('log-formats'))).toEqual([]);
    expect(readFileSync(log, 'utf8')).toContain("await import('../log-pieces.ts')");
  });
});
