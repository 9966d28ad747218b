// Output helpers shared by the simulated commands. Writes are synchronous so interleaving with child processes
// (and with ghettoVCB's `tail -f` of a clone log) follows the order of the calls.
import { writeSync } from 'node:fs';

export function out(text: string): void {
  writeSync(1, text);
}

export function err(text: string): void {
  writeSync(2, text);
}
