/**
 * `npm test`: typecheck, lint, build, unit + integration (vitest), end-to-end (Playwright), then one plain
 * closing line `N passed, N failed` summing every runner. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './support/system-packages.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string): string => join(repo, 'node_modules/.bin', name);
// Every child runs on the Node 24 of the devDependency, whatever `node` the caller's PATH had first.
const env = { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };
const results = join(repo, 'test-results');

let passed = 0;
let failed = 0;
let skipped = 0;

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const run = spawnSync(command, args, { cwd: repo, env, stdio: 'inherit' });
  return run.status === 0;
}

function check(title: string, command: string, args: string[]): void {
  if (step(title, command, args)) passed++;
  else {
    failed++;
    console.log(`✖ ${title} failed`);
  }
}

const packages = ensureSystemPackages();
if (!packages.ok) {
  console.error(`\n${packages.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = step('build (electron-vite: main, preload, renderer)', bin('electron-vite'), ['build']);
if (built) passed++;
else failed++;

// vitest: unit and integration projects, counted from its JSON report.
const vitestJson = join(results, 'vitest.json');
step('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
try {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no assertion results but must still count as a failure.
  failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
  console.log('✖ vitest wrote no report');
  failed++;
}

// Playwright: the web project always; the electron project reports itself skipped where no binary exists.
if (built) {
  step('end-to-end (Playwright, system Chromium)', bin('playwright'), ['test']);
  try {
    const report = JSON.parse(readFileSync(join(results, 'e2e-report.json'), 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      errors?: unknown[];
    };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected + (report.errors?.length ?? 0);
    skipped += report.stats.skipped;
  } catch {
    console.log('✖ Playwright wrote no report');
    failed++;
  }
} else {
  console.log('✖ end-to-end tests not run: the build failed');
  failed++;
}

console.log(`\nScreenshots: ${join(results, 'screenshots')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
