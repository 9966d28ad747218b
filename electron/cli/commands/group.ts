import type { CliIo } from '../io.ts';

/** One `custode <group> <command>` handler: arguments after the command name in, exit code out. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
export type CommandGroup = Readonly<Record<string, Command>>;
