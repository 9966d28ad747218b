// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The layer table of the architecture, enforced: each folder may import only what its runtime has.
 * test/unit/lint/boundaries.test.ts proves every rule fires.
 */
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'url', 'util', 'zlib', 'worker_threads', 'events', 'buffer', 'process', 'readline', 'tls', 'dns', 'module'];
const electronBan = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const nodeBan = (where) => ({ group: NODE_BUILTINS, message: `${where} runs where Node's modules do not exist: no node:* imports.` });
const rendererBan = { group: ['**/renderer/**'], message: 'Nothing outside renderer/ may import the renderer.' };
const coreBan = (where) => ({ group: ['**/electron/core/**', '**/core/**', 'ssh2'], message: `${where} must not reach core or ssh2 directly.` });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.lab/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union or a const object: enums are not erasable.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan('shared/'), rendererBan, coreBan('shared/')] }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronBan, rendererBan] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBan('The sandboxed preload'), rendererBan, coreBan('The preload')] }] },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererBan] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan('The renderer'), coreBan('The renderer')] }] },
  },
  {
    files: ['test/**/*.ts', '*.config.ts', 'build/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
