import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import type { ShellCommand } from '../../../electron/core/shell/command.ts';

/**
 * Runs built commands through real shells with the program replaced by a function that prints its argv
 * NUL-separated, so a test sees exactly the words the host's shell would pass. /bin/sh (dash here) and busybox
 * ash (ESXi's shell) when installed.
 */
export const SHELLS: { name: string; argv: string[] }[] = [
  { name: 'sh', argv: ['/bin/sh', '-c'] },
  ...(existsSync('/bin/busybox') ? [{ name: 'busybox ash', argv: ['/bin/busybox', 'ash', '-c'] }] : []),
];

export function argvThroughShell(shell: { argv: string[] }, commands: { command: ShellCommand; program: string }[]): string[][] {
  const body = commands.map(({ command, program }) => {
    if (!command.text.startsWith(`${program} `) && command.text !== program) throw new Error(`${command.text} does not start with ${program}`);
    return `__argv${command.text.slice(program.length)}`;
  });
  const script = `__argv() { printf '%s\\0' "$@"; printf '\\001'; }\n${body.join('\n')}\n`;
  const out = execFileSync(shell.argv[0]!, [...shell.argv.slice(1), script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split('\u0001')
    .slice(0, -1)
    .map((chunk) => (chunk === '' ? [] : chunk.slice(0, -1).split('\0')));
}

/** Any text a user or a host could put in a name: quotes, `$()`, backticks, globbing, newlines, unicode; no NUL. */
export const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '"', "'", '$(id)', '`id`', '${HOME}', '\\', ';', '|', '&&', '*', '?', '[a]', '~', '#', '!', '<', '>', '\n', '\t', '%', '-n', '--', 'é', '日本', '😀'),
      fc.string({ unit: 'grapheme', maxLength: 5 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));
