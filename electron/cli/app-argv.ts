import { CLI_GROUPS } from './main.ts';

const HELP = new Set(['--help', '-h', 'help']);

/**
 * Installed users get the same `custode` command as a checkout: the desktop app's own binary runs the CLI
 * when its first argument names a CLI group (`custode log parse x.log`), and opens the window otherwise.
 * Electron's argv is [exe, ...args] when packaged and [electron, appPath, ...args] under `electron .`
 * (`process.defaultApp`). Launchers put Chromium switches first (the AppImage adds `--no-sandbox` where user
 * namespaces are off, as on Ubuntu 24.04): those are skipped, and what follows decides.
 */
export function cliArgsFromAppArgv(argv: readonly string[], defaultApp: boolean): string[] | null {
  let args = argv.slice(defaultApp ? 2 : 1);
  const firstOwn = args.findIndex((arg) => !arg.startsWith('--') || HELP.has(arg));
  args = firstOwn < 0 ? [] : args.slice(firstOwn);
  const first = args[0];
  if (first === undefined) return null;
  return Object.hasOwn(CLI_GROUPS, first) || HELP.has(first) ? [...args] : null;
}
