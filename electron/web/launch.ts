import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` and `npm run dev`: the desktop app when Electron's binary is here or can be fetched now (through the
 * electron package's own installer, whose output and progress bar show as they come), otherwise the same app in
 * the browser, so the first command always ends in a working Custode. `CUSTODE_NO_BROWSER_FALLBACK=1` (or
 * `--no-browser-fallback`) makes a missing binary an error instead, for packaging and CI.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const dev = args[0] === 'dev';
const passOn = args.filter((a, i) => !(i === 0 && dev) && a !== '--no-browser-fallback');
const fallbackAllowed = !args.includes('--no-browser-fallback') && process.env.CUSTODE_NO_BROWSER_FALLBACK !== '1';
const electronDir = dirname(createRequire(join(repo, 'package.json')).resolve('electron/package.json'));

/** The binary electron's own `index.js` would start, when it is really there (its installer trusts a bare folder). */
function electronBinary(): string | null {
  let relative: string;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    return null;
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

function run(command: string, commandArgs: string[]): void {
  const child: ChildProcess = spawn(command, commandArgs, { cwd: repo, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!electronBinary()) {
  console.log('Fetching the Electron desktop binary (once, about 100 MB) with electron’s own installer…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: repo, stdio: 'inherit' });
}

if (electronBinary()) {
  run(join(repo, 'node_modules/.bin/electron-vite'), [dev ? 'dev' : 'preview']);
} else if (!fallbackAllowed) {
  console.error('The Electron desktop binary could not be had on this machine (see the installer’s message above), and the browser fallback is off.');
  process.exit(1);
} else {
  console.log('');
  console.log('The Electron desktop app could not be downloaded here, so Custode opens in your browser instead.');
  console.log('(For the desktop app later: run `npm start` again where the download works, or `node node_modules/electron/install.js`.)');
  console.log('');
  run(process.execPath, [join(repo, 'electron/web/start.ts'), ...passOn]);
}
