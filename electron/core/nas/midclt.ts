import type { z } from 'zod';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cmd, type ShellCommand } from '../shell/command.ts';

/**
 * `midclt call <method> [args…]` over SSH (esxi-truenas.md B1). midclt parses each argument as JSON and falls back
 * to a raw string, so a string like `123` or `true` would change type: every argument is sent JSON-encoded.
 * The result is printed as Python does: ints and strings raw, booleans as `True`/`False`, everything else as one
 * line of json.dumps (datetimes as `{"$date": ms}`).
 */
export function midcltCommand(method: string, ...args: unknown[]): ShellCommand {
  if (!/^[a-z_][\w.]*$/i.test(method)) throw new AppError('nas.invalidMethod', `Not a middleware method name: ${method}`, { method });
  const encoded = args.map((a, i) => {
    const json = JSON.stringify(a);
    if (json === undefined) throw new AppError('nas.invalidArgument', `Argument ${i} of ${method} is not JSON`, { method, index: i });
    return json;
  });
  return cmd('midclt', 'call', method, ...encoded);
}

/** Decodes midclt's stdout into a JS value; text that is none of its shapes comes back as the string it is. */
export function decodeMidcltOutput(stdout: string): unknown {
  const text = stdout.replace(/\r?\n$/, '');
  const t = text.trim();
  if (t === 'True') return true;
  if (t === 'False') return false;
  if (t === 'None' || t === 'null') return null;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    try {
      return JSON.parse(t);
    } catch {
      // json.dumps writes float NaN/Infinity bare; read them as null, outside strings only.
      try {
        return JSON.parse(t.replace(/\b(NaN|-?Infinity)\b(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, 'null'));
      } catch {
        return text;
      }
    }
  }
  return text;
}

/** The result of `method`, checked against `schema`; anything else is `nas.unexpectedOutput` naming the method. */
export function parseMidclt<S extends z.ZodType>(method: string, stdout: string, schema: S): z.output<S> {
  const decoded = decodeMidcltOutput(stdout);
  const result = schema.safeParse(decoded);
  if (!result.success) {
    throw new AppError('nas.unexpectedOutput', `Unexpected result from ${method}`, {
      method,
      issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      excerpt: stdout.slice(0, 400),
    });
  }
  return result.data;
}
