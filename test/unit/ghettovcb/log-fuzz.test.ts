import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GhettoVcbLogParser } from '../../../electron/core/ghettovcb/log/parser.ts';
import { VM_OUTCOMES } from '../../../electron/core/ghettovcb/log/types.ts';

const dir = join(import.meta.dirname, '../../fixtures/ghettovcb/logs');
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

const noise = ['\r', '\n', '\r\n', '"', "'", '!', ' for ', ' -- info: ', ' -- dryrun: ', '###### Final status: ', 'Clone: ', '% done.', '\t', '\u0000', 'é', '\uFFFD', 'CONFIG - ', ' = ', '(13).'];

/** One mutation of a real log: cut, duplicate, splice, replace or inject at random places. */
const mutation = fc.tuple(
  fc.constantFrom('delete', 'insert', 'duplicate', 'swapLines', 'truncate', 'randomBytes'),
  fc.nat(),
  fc.nat(),
  fc.constantFrom(...noise),
  fc.string({ maxLength: 40 }),
);

function mutate(text: string, steps: [string, number, number, string, string][]): string {
  let out = text;
  for (const [kind, a, b, token, junk] of steps) {
    const i = out.length === 0 ? 0 : a % out.length;
    const j = out.length === 0 ? 0 : b % out.length;
    if (kind === 'delete') out = out.slice(0, Math.min(i, j)) + out.slice(Math.max(i, j));
    else if (kind === 'insert') out = out.slice(0, i) + token + out.slice(i);
    else if (kind === 'duplicate') out = out.slice(0, j) + out.slice(Math.min(i, j), Math.max(i, j)) + out.slice(j);
    else if (kind === 'swapLines') {
      const lines = out.split('\n');
      const x = a % lines.length;
      const y = b % lines.length;
      [lines[x], lines[y]] = [lines[y] ?? '', lines[x] ?? ''];
      out = lines.join('\n');
    } else if (kind === 'truncate') out = out.slice(0, i);
    else out = out.slice(0, i) + junk + out.slice(i);
  }
  return out;
}

describe('fuzz', () => {
  it('never throws on 10,000 mutated logs and always returns well-formed runs', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.nat({ max: 64 }), (seed, steps, chunk) => {
        const text = mutate(seeds[seed] ?? '', steps);
        const parser = new GhettoVcbLogParser();
        const size = chunk + 1;
        for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
        const result = parser.end();
        for (const run of result.runs) {
          expect(run.exitCode === null || [0, 1, 3, 4, 5, 6, 7, 8].includes(run.exitCode)).toBe(true);
          for (const vm of run.vms) expect(VM_OUTCOMES).toContain(vm.outcome);
        }
        JSON.stringify(result);
        parsed++;
      }),
      { numRuns: 10_000 },
    );
    expect(parsed).toBe(10_000);
  });

  it('reads a 4 MiB run of \\r progress updates with no newline, fed in 64 chunks, and recognises every update (speed: npm run bench -- log-parse)', () => {
    const parser = new GhettoVcbLogParser();
    const piece = 'Clone: 1% done.\r'.repeat(4096);
    for (let i = 0; i < 64; i++) parser.feed(piece);
    parser.feed('Clone: 99% done.');
    const [run] = parser.end().runs;
    expect(run?.unrecognizedCount).toBe(0);
  });
});
