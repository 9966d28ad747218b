import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `custode setup` from the TypeScript sources on the project's Node, as the launcher runs them: Node's own ESM
 * loader (not the test runner's) must load the setup modules and the session every command opens (a CommonJS
 * package imported by a name it does not export broke every command once). No machine is contacted.
 */
const home = mkdtempSync(join(tmpdir(), 'custode-setup-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const node = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const bin = new URL('../../../electron/cli/bin.mjs', import.meta.url).pathname;
const custode = (...args: string[]) => spawnSync(node, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CUSTODE_HOME: home, CUSTODE_CLI_FROM_SOURCES: '1', LANG: 'C' } });

describe('custode setup from the sources', { timeout: 60_000 }, () => {
  it('says how to call it, and refuses a time that is none before reading anything', () => {
    const usage = custode('setup', 'plan');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('custode setup plan <host> --nas <nas>');
    const time = custode('setup', 'plan', 'esxi-20', '--nas', 'truenas', '--time', '25:70');
    expect(time.stderr).toBe('custode: Not a time of day: 25:70. Write HH:MM from 00:00 to 23:59, e.g. 04:30.\n');
    expect(time.status).toBe(1);
    const file = custode('setup', 'plan', 'esxi-20', '--nas', 'truenas', '--ghettovcb', join(home, 'nope.sh'));
    expect(file.stderr).toBe(`custode: Cannot read ${join(home, 'nope.sh')}. Pick the file again.\n`);
  });

  it('opens a session and names the machine it does not know', () => {
    const r = custode('setup', 'plan', 'esxi-20', '--nas', 'truenas');
    expect(r.stderr).toBe('custode: No machine esxi-20 of that kind in Custode. Add it with custode fleet add-host or add-nas.\n');
    expect(r.status).toBe(1);
  });
});
