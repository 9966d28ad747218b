import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GhettoVcbLogParser } from '../../electron/core/ghettovcb/log/parser.ts';
import { fileText } from '../../electron/cli/io.ts';
import { LOG_SHAPES, writeCorpus } from './log-corpora.ts';
import { publish, sample, summarize, type BenchRow } from './report.ts';

/**
 * `custode log parse` on logs of every shape (test/bench/log-corpora.ts), end to end through the CLI including
 * its start-up, against baselines measured on the same file in the same run: `grep -c` (the floor for reading
 * the bytes at all) and a plain line split through the CLI's own input path (the same I/O, no parsing). Also
 * the CLI's peak memory, and on 1 GiB with `--json` to show it does not grow with the file. The same command on one
 * thread is measured beside it: on a machine of one core it is what `log parse` does.
 * LOG_BENCH_MB sets the size of each corpus (default 200), LOG_BENCH_BIG_MB the big one (1024), LOG_BENCH_SAMPLES
 * the samples per figure (3).
 */
const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MB = 1024 * 1024;
const SIZE_MB = Number(process.env['LOG_BENCH_MB'] ?? 200);
const SAMPLES = Number(process.env['LOG_BENCH_SAMPLES'] ?? 3);
const BIG_MB = Number(process.env['LOG_BENCH_BIG_MB'] ?? 1024);
const node = join(repo, 'node_modules/.bin/node');
const cli = join(repo, 'electron/cli/bin.mjs');

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Wall and CPU (user + system) seconds and peak RSS of a command, from /usr/bin/time -v. `keepOutput` pipes its
 * stdout back instead of sending it to /dev/null: GNU grep stops at the first match when it writes to /dev/null.
 */
function timed(command: string[], keepOutput = false, env: Record<string, string> = {}): { seconds: number; cpu: number; rssMb: number; out: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...command], {
    encoding: 'utf8',
    stdio: ['ignore', keepOutput ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 16 * MB,
    env: { ...process.env, ...env },
  });
  const wall = seconds(start);
  if (r.status !== 0) throw new Error(`${command.slice(0, 4).join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? Number.NaN);
  return {
    seconds: wall,
    cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    rssMb: field('Maximum resident set size \\(kbytes\\)') / 1024,
    out: r.stdout ?? '',
  };
}

function grepRun(file: string): { seconds: number; cpu: number } {
  const run = timed(['grep', '-c', '--', '-- info:', file], true);
  if (!(Number(run.out) > 0)) throw new Error(`grep -c counted nothing in ${file}`);
  return run;
}

const chunks = fileText;

/** The CLI's input path and a line split, nothing else: what parsing adds is measured against this. */
async function splitSeconds(file: string): Promise<number> {
  const start = process.hrtime.bigint();
  let lines = 0;
  let rest = '';
  for await (const chunk of chunks(file)) {
    const text = rest + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const line = text.slice(from, nl);
      lines += line.length === 0 ? 0 : 1;
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (lines === 0) throw new Error('no lines');
  return seconds(start);
}

async function parserSeconds(file: string): Promise<number> {
  const start = process.hrtime.bigint();
  let runs = 0;
  const parser = new GhettoVcbLogParser({ onRun: () => void runs++ });
  for await (const chunk of chunks(file)) parser.feed(chunk);
  parser.end();
  if (runs === 0) throw new Error('no runs');
  return seconds(start);
}

const cliRun = (file: string, flag?: string) => timed([node, cli, 'log', 'parse', file, ...(flag ? [flag] : [])]);
/** The same on the command's own thread alone, as it parses a log too small to cut or read from stdin. */
const oneThreadRun = (file: string) => timed([node, cli, 'log', 'parse', file], false, { CUSTODE_LOG_THREADS: '1' });

async function measureShape(label: string, file: string, mb: number): Promise<BenchRow[]> {
  grepRun(file); // page cache
  const split = summarize(await sample(() => splitSeconds(file), SAMPLES)).median;
  const parser = summarize(await sample(() => parserSeconds(file), SAMPLES)).median;
  const runs = [cliRun(file)]; // warms up, not counted in the time
  // grep and the CLI take turns, so that a machine that slows down or speeds up meanwhile weighs on both alike.
  const greps: ReturnType<typeof grepRun>[] = [];
  const oneThread: ReturnType<typeof oneThreadRun>[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    greps.push(grepRun(file));
    runs.push(cliRun(file));
    oneThread.push(oneThreadRun(file));
  }
  const single = summarize(oneThread.map((r) => r.seconds)).median;
  const grep = summarize(greps.map((g) => g.seconds)).median;
  const grepCpu = summarize(greps.map((g) => g.cpu)).median;
  const cliSeconds = summarize(runs.slice(1).map((r) => r.seconds)).median;
  const cliCpu = summarize(runs.slice(1).map((r) => r.cpu)).median;
  const rss = Math.max(...runs.map((r) => r.rssMb));
  const rate = mb / cliSeconds;
  return [
    { label: `${label}: grep -c`, value: grep, unit: 's' },
    { label: `${label}: line split (same input path)`, value: split, unit: 's' },
    { label: `${label}: parser in-process`, value: parser, unit: 's', baseline: 'line split', ratio: parser / split },
    { label: `${label}: custode log parse`, value: cliSeconds, unit: 's', baseline: 'grep -c', ratio: cliSeconds / grep, goal: '≤ 10×', met: cliSeconds / grep <= 10 },
    { label: `${label}: custode log parse rate`, value: rate, unit: 'MB/s', goal: '≥ 200 MB/s', met: rate >= 200 },
    { label: `${label}: custode log parse max RSS`, value: rss, unit: 'MB', goal: '≤ 200 MB', met: rss <= 200 },
    { label: `${label}: custode log parse, one thread`, value: single, unit: 's', baseline: 'grep -c', ratio: single / grep },
    { label: `${label}: one thread rate`, value: mb / single, unit: 'MB/s' },
    // CPU seconds (user + system) are less disturbed than wall time by other work on a shared machine.
    { label: `${label}: grep -c CPU`, value: grepCpu, unit: 's' },
    // /usr/bin/time counts in hundredths: a tiny corpus can give grep 0 s, and then no ratio.
    { label: `${label}: custode log parse CPU`, value: cliCpu, unit: 's', ...(grepCpu > 0 ? { baseline: 'grep -c CPU', ratio: cliCpu / grepCpu } : {}) },
    { label: `${label}: custode log parse CPU rate`, value: mb / cliCpu, unit: 'MB/s' },
  ];
}

export default async function bench(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'custode-log-bench-'));
  const rows: BenchRow[] = [];
  const context: Record<string, string | number> = {
    'corpus per shape': `${SIZE_MB} MB (written to a temp dir, removed after)`,
    samples: `${SAMPLES} (median; the CLI's first run warms the page cache and is not counted in its time; grep and the CLI take turns)`,
    'custode log parse': 'node electron/cli/bin.mjs log parse FILE > /dev/null, under /usr/bin/time -v (wall time includes start-up)',
    threads: `${Math.min(availableParallelism(), 8)} (a log of 128 MB or more is parsed in pieces by the command's thread and a worker thread a core more; "one thread": CUSTODE_LOG_THREADS=1; CPU seconds count every thread)`,
    bundle: 'out/cli/custode.mjs, rebuilt by this bench (what bin.mjs runs once built)',
  };
  execFileSync(node, [join(repo, 'build/cli-bundle.ts')], { cwd: repo, stdio: 'ignore' });
  try {
    for (const shape of LOG_SHAPES) {
      context[shape.name] = shape.about;
      const file = join(dir, `${shape.name.replace(/\W+/g, '-')}.log`);
      const bytes = await writeCorpus(file, shape.block(), SIZE_MB * MB);
      rows.push(...(await measureShape(shape.name, file, bytes / MB)));
      await rm(file);
    }
    // Memory must not follow the size of the file: BIG_MB (1 GiB) of short runs, with --json (the heaviest output).
    const big = join(dir, 'big.log');
    const shortRuns = LOG_SHAPES[0];
    if (!shortRuns) throw new Error('no shapes');
    const bytes = await writeCorpus(big, shortRuns.block(), BIG_MB * MB);
    grepRun(big); // page cache
    // As for every shape: the median of SAMPLES runs, taking turns with grep.
    const greps: number[] = [];
    const runs: ReturnType<typeof cliRun>[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      greps.push(grepRun(big).seconds);
      runs.push(cliRun(big, '--json'));
    }
    const grep = summarize(greps).median;
    const seconds = summarize(runs.map((r) => r.seconds)).median;
    const cpu = summarize(runs.map((r) => r.cpu)).median;
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const rate = bytes / MB / seconds;
    rows.push(
      { label: `${BIG_MB} MB short runs: grep -c`, value: grep, unit: 's' },
      { label: `${BIG_MB} MB short runs: custode log parse --json`, value: seconds, unit: 's', baseline: 'grep -c', ratio: seconds / grep, goal: '≤ 10×', met: seconds / grep <= 10 },
      { label: `${BIG_MB} MB short runs: --json rate`, value: rate, unit: 'MB/s', goal: '≥ 200 MB/s', met: rate >= 200 },
      { label: `${BIG_MB} MB short runs: --json max RSS`, value: rss, unit: 'MB', goal: '≤ 200 MB', met: rss <= 200 },
      { label: `${BIG_MB} MB short runs: --json CPU rate`, value: bytes / MB / cpu, unit: 'MB/s' },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return publish({ name: 'log-parse', context, rows });
}
