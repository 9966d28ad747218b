/**
 * Text from a host or a file, made safe to print on a terminal: control characters (ESC, BEL, CR, the C1 range),
 * DEL and the bidirectional overrides are shown as escapes (`\e`, `\a`, `\x9b`, `\u202e`) instead of acting, so a VM
 * name such as `\e]0;owned\a\e[31m` cannot retitle the terminal, recolour it or hide text. Newlines in the value are
 * escaped too: one value never forges a line of output.
 */
const NAMED: Readonly<Record<string, string>> = { '\x1b': '\\e', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f', '\v': '\\v' };

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(value: string): string {
  return value.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Every string value of `params` made printable, for filling a sentence with host-sourced values. */
export function printableParams<T extends Readonly<Record<string, string | number | boolean>>>(params: T): T {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as T;
}
