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
  const sides: Array<{ label: string; args: string[]; env?: Record<string, string>; goal?: boolean }> = [{ label: 'node -e 0', args: ['-e', '0'] }];
  const cron = ['cron', 'explain', '30 4 * * * /vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh -a > /tmp/x.log', '--lang', 'it'];
  for (const [label, args] of [
    ['custode --help', ['--help']],
    ['custode cron explain', cron],
  ] as const) {
    sides.push({ label: `${label} (bundle)`, args: [bin, ...args], goal: true });
    sides.push({ label: `${label} (sources)`, args: [bin, ...args], env: { CUSTODE_CLI_FROM_SOURCES: '1' } });
  }
  // Round-robin: every side starts once per round, so a machine whose load changes during the run weighs on all alike.
  // Warm-up rounds are pushed too; only the last SAMPLES of each side count.
  const times = sides.map(() => [] as number[]);
  await sample(() => {
    sides.forEach((side, i) => times[i]!.push(timed(side.args, side.env)));
    return 0;
  }, SAMPLES, WARMUP);
  const floor = summarize(times[0]!.slice(-SAMPLES));
  const rows: BenchRow[] = [{ label: 'node -e 0 (baseline): median', value: floor.median, unit: 'ms' }];
  sides.slice(1).forEach((side, i) => {
    const s = summarize(times[i + 1]!.slice(-SAMPLES));
    rows.push(
      { label: `${side.label}: median`, value: s.median, unit: 'ms', baseline: 'node -e 0', ratio: s.median / floor.median, ...(side.goal ? { goal: `≤ ${GOAL_MS} ms`, met: s.median <= GOAL_MS } : {}) },
      { label: `${side.label}: p95`, value: s.p95, unit: 'ms', baseline: 'node -e 0', ratio: s.p95 / floor.median },
    );
  });
  return publish({
    name: 'cli-startup',
    context: { node: process.version, samples: `${SAMPLES} rounds after ${WARMUP} warm-up, every side once per round`, bundle: 'out/cli/custode.mjs, rebuilt by this bench' },
    rows,
  });
}
