import { describe, expect, it } from 'vitest';
import { cliArgsFromAppArgv } from '../../../electron/cli/app-argv.ts';

describe('the desktop binary as the custode command', () => {
  it('runs the CLI when the first argument is a CLI group, packaged or not', () => {
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', 'log', 'parse', 'x.log'], true)).toEqual(['log', 'parse', 'x.log']);
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.', 'cron', 'explain', '30 4 * * * x'], false)).toEqual(['cron', 'explain', '30 4 * * * x']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--help'], true)).toEqual(['--help']);
  });

  it('opens the window otherwise (no arguments, Chromium switches, a file to open)', () => {
    expect(cliArgsFromAppArgv(['/opt/Custode/custode'], true)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--no-sandbox'], true)).toBeNull();
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.'], false)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', 'toString'], true)).toBeNull();
  });
});
