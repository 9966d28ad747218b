// `midclt` on the simulated NAS: `midclt [-q] [-u URI] [-U user -P pass | -K key] [-t timeout] call [-j] method args…`.
// Each argument is JSON when it parses, else a raw string; output and errors are printed as the real client does (B1).
import { fileURLToPath } from 'node:url';
import { err, out } from '../sim/io.ts';
import { MidError } from './errors.ts';
import { callMethod } from './methods.ts';
import { formatMidcltResult } from './py-json.ts';

function parseArg(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const WITH_VALUE = new Set(['-u', '--uri', '-U', '--username', '-P', '--password', '-K', '--api-key', '-t', '--timeout']);

export function midclt(argv: string[], statePath: string | undefined): number {
  let quiet = false;
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    if (argv[i] === '-q' || argv[i] === '--quiet') quiet = true;
    i += WITH_VALUE.has(argv[i]!) ? 2 : 1;
  }
  const command = argv[i];
  if (command === 'ping') {
    out('pong\n');
    return 0;
  }
  if (command !== 'call') {
    err('usage: midclt [-h] [-q] [-u URI] [-U USERNAME] [-P PASSWORD] [-K API_KEY] [-t TIMEOUT] {call,ping,waitready,subscribe} ...\n');
    return 2;
  }
  i++;
  while (i < argv.length && argv[i]!.startsWith('-j')) i += argv[i] === '-jp' ? 2 : 1;
  const method = argv[i];
  if (statePath === undefined || method === undefined) {
    if (!quiet) err('Failed to run middleware call. Daemon not running?\n');
    return 1;
  }
  try {
    const result = callMethod(statePath, method, argv.slice(i + 1).map(parseArg));
    out(formatMidcltResult(result) + '\n');
    return 0;
  } catch (e) {
    if (!quiet) err((e instanceof MidError ? e.render() : String(e)) + '\n');
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = midclt(process.argv.slice(2), process.env['LAB_NAS_STATE']);
