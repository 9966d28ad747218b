import { CLI_GROUPS } from './main.ts';

/** Words that are the CLI's even though they look like switches. */
const OWN = new Set(['--help', '-h', 'help', '--version', '-V']);

/**
 * Installed users get the same `custode` command as a checkout: the desktop app's own binary runs the CLI
 * when its first argument names a CLI group (`custode log parse x.log`), and opens the window otherwise.
 * Electron's argv is [exe, ...args] when packaged and [electron, appPath, ...args] under `electron .`
 * (`process.defaultApp`). Launchers put Chromium switches first (the AppImage adds `--no-sandbox` where user
 * namespaces are off, as on Ubuntu 24.04): those are skipped, and what follows decides.
 */
export function cliArgsFromAppArgv(argv: readonly string[], defaultApp: boolean): string[] | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  let at = args.findIndex((arg) => !arg.startsWith('--') || OWN.has(arg));
  if (at < 0) return null;
  let start = at;
  // `--lang it log …` is the CLI's language (Chromium's own switch is written `--lang=xx`).
  if (at > 0 && args[at - 1] === '--lang') {
    start = at - 1;
    at += 1;
  } else if (at > 0 && args[at - 1]?.startsWith('--lang=')) start = at - 1;
  const first = args[at];
  return first !== undefined && (Object.hasOwn(CLI_GROUPS, first) || OWN.has(first)) ? args.slice(start) : null;
}
