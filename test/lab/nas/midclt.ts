// `midclt` on the simulated NAS: `midclt [-q] [-u URI] [-U user -P pass | -K key] [-t timeout] call [-j] method args…`.
// Each argument is JSON when it parses, else a raw string; output and errors are printed as the real client does (B1).
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

function main(argv: string[]): number {
  const statePath = process.env['LAB_NAS_STATE'];
  let quiet = false;
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    if (argv[i] === '-q' || argv[i] === '--quiet') quiet = true;
    i += WITH_VALUE.has(argv[i]!) ? 2 : 1;
  }
  const command = argv[i];
  if (command === 'ping') {
    process.stdout.write('pong\n');
    return 0;
  }
  if (command !== 'call') {
    process.stderr.write('usage: midclt [-h] [-q] [-u URI] [-U USERNAME] [-P PASSWORD] [-K API_KEY] [-t TIMEOUT] {call,ping,waitready,subscribe} ...\n');
    return 2;
  }
  i++;
  while (i < argv.length && argv[i]!.startsWith('-j')) i += argv[i] === '-jp' ? 2 : 1;
  const method = argv[i];
  if (statePath === undefined || method === undefined) {
    if (!quiet) process.stderr.write('Failed to run middleware call. Daemon not running?\n');
    return 1;
  }
  try {
    const result = callMethod(statePath, method, argv.slice(i + 1).map(parseArg));
    process.stdout.write(formatMidcltResult(result) + '\n');
    return 0;
  } catch (err) {
    if (!quiet) process.stderr.write((err instanceof MidError ? err.render() : String(err)) + '\n');
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
