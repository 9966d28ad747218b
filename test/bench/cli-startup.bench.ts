/**
 * How fast `custode` starts: `--help` and `cron explain …` through electron/cli/bin.mjs, from the built bundle
 * (out/cli, rebuilt here first) and from the TypeScript sources, against `node -e 0` on the same Node (the floor
 * any Node command pays). Goal: ≤ 150 ms on the machine the issue measured, where `node -e 0` took ≈ 40 ms; the
 * ratio to `node -e 0` is what compares across machines.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publish, sample, summarize, type BenchRow } from './report.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const node = process.execPath;
const bin = join(root, 'electron/cli/bin.mjs');
const SAMPLES = 15;
const WARMUP = 2;
const GOAL_MS = 150;

function timed(args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(node, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${String(r.stderr)}`);
  return ms;
}

export default async function bench(): Promise<string[]> {
  execFileSync(node, [join(root, 'build/cli-bundle.ts')], { cwd: root, stdio: 'ignore' });
  const floor = summarize(await sample(() => timed(['-e', '0']), SAMPLES, WARMUP));
  const commands: Array<[string, string[]]> = [
    ['custode --help', ['--help']],
    ['custode cron explain', ['cron', 'explain', '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a > /tmp/x.log', '--lang', 'it']],
  ];
  const rows: BenchRow[] = [{ label: 'node -e 0 (baseline): median', value: floor.median, unit: 'ms' }];
  for (const [label, args] of commands) {
    for (const [from, env] of [
      ['bundle', {}],
      ['sources', { CUSTODE_CLI_FROM_SOURCES: '1' }],
    ] as const) {
      const s = summarize(await sample(() => timed([bin, ...args], env), SAMPLES, WARMUP));
      const bundle = from === 'bundle';
      rows.push(
        { label: `${label} (${from}): median`, value: s.median, unit: 'ms', baseline: 'node -e 0', ratio: s.median / floor.median, ...(bundle ? { goal: `≤ ${GOAL_MS} ms`, met: s.median <= GOAL_MS } : {}) },
        { label: `${label} (${from}): p95`, value: s.p95, unit: 'ms', baseline: 'node -e 0', ratio: s.p95 / floor.median },
      );
    }
  }
  return publish({
    name: 'cli-startup',
    context: { node: process.version, samples: `${SAMPLES} starts per row after ${WARMUP} warm-up`, bundle: 'out/cli/custode.mjs, rebuilt by this bench' },
    rows,
  });
}
