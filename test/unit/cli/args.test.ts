import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/cli/args.ts';
import { UsageError } from '../../../electron/cli/io.ts';

describe('parseArgs', () => {
  const spec = { booleans: ['--yes'], values: ['--reason'], repeated: ['--vm'] };

  it('keeps every value of a repeatable flag in order, inline or not, and takes a flag-like value as the value', () => {
    const args = parseArgs(['esxi-08', '--vm', 'dc01', '--vm=web 01', '--reason', '--vm', '--vm', "a'b"], spec);
    expect(args.positionals).toEqual(['esxi-08']);
    expect(args.lists.get('--vm')).toEqual(['dc01', 'web 01', "a'b"]);
    expect(args.flags.get('--reason')).toBe('--vm');
  });

  it('gives an empty list for a repeatable flag not given, and refuses one without its value', () => {
    expect(parseArgs(['--yes'], spec).lists.get('--vm')).toEqual([]);
    expect(() => parseArgs(['--vm'], spec)).toThrow(UsageError);
  });
});
