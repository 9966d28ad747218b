import { describe, expect, it } from 'vitest';
import { cliArgsFromAppArgv } from '../../../electron/cli/app-argv.ts';

const PACKAGED = false; // process.defaultApp is undefined in a packaged app
const ELECTRON_DOT = true; // `electron .` in a checkout

describe('the desktop binary as the custode command', () => {
  it('runs the CLI when the first argument is a CLI group, packaged or under `electron .`', () => {
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', 'log', 'parse', 'x.log'], PACKAGED)).toEqual(['log', 'parse', 'x.log']);
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.', 'cron', 'explain', '30 4 * * * x'], ELECTRON_DOT)).toEqual(['cron', 'explain', '30 4 * * * x']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--help'], PACKAGED)).toEqual(['--help']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '-h'], PACKAGED)).toEqual(['-h']);
  });

  it('skips the Chromium switches a launcher puts first (the AppImage adds --no-sandbox on Ubuntu 24.04)', () => {
    expect(cliArgsFromAppArgv(['/tmp/.mount_CustodX/custode', '--no-sandbox', '-h'], PACKAGED)).toEqual(['-h']);
    expect(cliArgsFromAppArgv(['/tmp/.mount_CustodX/custode', '--no-sandbox', 'log', 'parse', '-'], PACKAGED)).toEqual(['log', 'parse', '-']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--no-sandbox', '--ozone-platform=wayland', 'fleet', 'list', '--json'], PACKAGED)).toEqual(['fleet', 'list', '--json']);
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.', '--enable-logging', 'cron', 'explain', 'x'], ELECTRON_DOT)).toEqual(['cron', 'explain', 'x']);
  });

  it('opens the window otherwise (no arguments, only Chromium switches, a file to open)', () => {
    expect(cliArgsFromAppArgv(['/opt/Custode/custode'], PACKAGED)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--no-sandbox'], PACKAGED)).toBeNull();
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.'], ELECTRON_DOT)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', 'toString'], PACKAGED)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--no-sandbox', '/home/it/notes.txt'], PACKAGED)).toBeNull();
  });

  it('takes the development offset from process.defaultApp, not from whether the app is packaged', () => {
    // Under `electron .` argv[1] is the app path: it must never be read as a command.
    expect(cliArgsFromAppArgv(['/usr/bin/electron', 'log'], ELECTRON_DOT)).toBeNull();
    expect(cliArgsFromAppArgv(['/usr/bin/electron', '.', 'log', 'parse', '-'], PACKAGED)).toBeNull();
  });

  it('answers --version and a leading --lang as the CLI, and leaves Chromium\'s --lang=xx to the window', () => {
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--version'], PACKAGED)).toEqual(['--version']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--no-sandbox', '-V'], PACKAGED)).toEqual(['-V']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--lang', 'it', 'fleet', 'status'], PACKAGED)).toEqual(['--lang', 'it', 'fleet', 'status']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--lang=en', 'cron', 'explain', 'x'], PACKAGED)).toEqual(['--lang=en', 'cron', 'explain', 'x']);
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--lang=it'], PACKAGED)).toBeNull();
    expect(cliArgsFromAppArgv(['/opt/Custode/custode', '--lang', 'it'], PACKAGED)).toBeNull();
  });
});
