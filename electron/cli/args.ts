import { UsageError } from './io.ts';

/**
 * Just enough argument parsing for `custode <group> <command> …`: positionals, boolean flags, flags with one value
 * and flags that may be given many times (`--vm A --vm B`). Unknown flags are usage errors, so a typo never changes
 * what a command does silently.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** The values of each repeatable flag, in order (an empty list when it was not given). */
  lists: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], spec: { booleans?: readonly string[]; values?: readonly string[]; repeated?: readonly string[] }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>((spec.repeated ?? []).map((name) => [name, []]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.split(/=(.*)/s, 2);
    const list = lists.get(name);
    if (spec.booleans?.includes(name)) flags.set(name, true);
    else if (spec.values?.includes(name) || list !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw UsageError.of('cli.error.needsValue', { name });
      if (list !== undefined) list.push(value);
      else flags.set(name, value);
    } else throw UsageError.of('cli.error.unknownOption', { name });
  }
  return { positionals, flags, lists };
}

export function oneOf<T extends string>(value: string | true | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value as T)) throw UsageError.of('cli.error.oneOf', { name, allowed: allowed.join(', ') });
  return value as T;
}
