import { CLI_GROUPS } from './main.ts';

/**
 * Installed users get the same `custode` command as a checkout: the desktop app's own binary runs the CLI
 * when its first argument names a CLI group (`custode log parse x.log`), and opens the window otherwise.
 * Electron's argv is [exe, ...args] when packaged and [electron, appPath, ...args] in development.
 */
export function cliArgsFromAppArgv(argv: readonly string[], isPackaged: boolean): string[] | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  const first = args[0];
  if (first === undefined) return null;
  return Object.hasOwn(CLI_GROUPS, first) || first === '--help' || first === 'help' ? [...args] : null;
}
