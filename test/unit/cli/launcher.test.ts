import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * electron/cli/bin.mjs in a scratch tree of its own: a stand-in bundle and stand-in sources that each say who ran,
 * so the test sees which one the launcher chose.
 */
const root = mkdtempSync(join(tmpdir(), 'custode-launcher-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'electron/cli'), { recursive: true });
mkdirSync(join(root, 'out/cli'), { recursive: true });
copyFileSync(new URL('../../../electron/cli/bin.mjs', import.meta.url), join(root, 'electron/cli/bin.mjs'));
const who = (name: string) => `export const nodeIo = () => null;\nexport async function runCli() { process.stdout.write('${name}'); return 0; }\n`;
writeFileSync(join(root, 'electron/cli/main.ts'), who('sources'));
writeFileSync(join(root, 'out/cli/custode.mjs'), who('bundle'));
writeFileSync(join(root, 'out/cli/sources.json'), JSON.stringify({ sources: ['electron/cli/main.ts'] }));
const node = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const run = (env: Record<string, string> = {}) => spawnSync(node, [join(root, 'electron/cli/bin.mjs')], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

describe('the custode launcher', { timeout: 60_000 }, () => {
  it('runs the bundle while it is newer than every source it lists, and the sources otherwise', () => {
    at('electron/cli/main.ts', 1_000_000);
    at('out/cli/custode.mjs', 2_000_000);
    expect(run()).toBe('bundle');
    expect(run({ CUSTODE_CLI_FROM_SOURCES: '1' })).toBe('sources');
    at('electron/cli/main.ts', 3_000_000);
    expect(run()).toBe('sources');
    at('out/cli/custode.mjs', 4_000_000);
    writeFileSync(join(root, 'out/cli/sources.json'), JSON.stringify({ sources: ['electron/cli/main.ts', 'electron/cli/gone.ts'] }));
    at('out/cli/custode.mjs', 4_000_000);
    expect(run()).toBe('sources');
  });
});
