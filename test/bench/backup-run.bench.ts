// A backup run through Custode against the same run started by hand. Baseline: `ssh host /bin/sh ghettoVCB.sh -m VM
// -g conf -l log` waiting for it to end, on the same lab host with the same VM, script and conf, measured in the same
// run, alternating with Custode's run so both see the same machine load. Custode's run is measured as the start
// (the reviewed operation: checks, the detached launch) and the following of its log to the end; its pre-flight (a
// full probe of the host, done while the user reviews the plan) is shown on its own row. The delay is from a log
// line reaching the file on the share (the NAS folder on this machine, watched every 5 ms) to the follower receiving
// it. After each run, Custode's verification of the copy on the share (what the app does as soon as a run ends) is
// timed on its own row: the plain run has nothing like it, so it is not in the ratio.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AlertSettings } from '../../electron/core/backup/alert-settings.ts';
import { BackupHistory } from '../../electron/core/backup/backup-history.ts';
import { BackupService } from '../../electron/core/backup/backup-service.ts';
import { HistoryStore } from '../../electron/core/backup/history-store.ts';
import { RunStore } from '../../electron/core/backup/run-store.ts';
import { open } from '../../electron/cli/commands/fleet.ts';
import type { CliIo } from '../../electron/cli/io.ts';
import { nodeIo } from '../../electron/cli/main.ts';
import { startLab, teardownLab } from '../lab/api.ts';
import { addSmallLab, plainSsh } from './lab-bench.ts';
import { labPaths } from '../lab/lab-paths.ts';
import { shareDataset } from '../lab/topology.ts';
import { publish, summarize } from './report.ts';

const SAMPLES = 3;
const VM = 'segreteria-dc01';
const SCRIPT = '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.sh';
const CONF = '/vmfs/volumes/datastore1/ghettoVCB/ghettoVCB.conf';
const SHARE = '/vmfs/volumes/VM_backup_10.0.0.8';

/** When each size of a file was first seen: a line ending at byte n was written by the first time size ≥ n + 1. */
function watchSize(path: string): { writtenBy(end: number): number | null; stop(): void } {
  const seen: Array<{ size: number; at: number }> = [];
  const timer = setInterval(() => {
    const size = existsSync(path) ? statSync(path).size : 0;
    if (size > (seen.at(-1)?.size ?? 0)) seen.push({ size, at: performance.now() });
  }, 5);
  return { writtenBy: (end) => seen.find((s) => s.size >= end)?.at ?? null, stop: () => clearInterval(timer) };
}

export default async function bench(): Promise<string[]> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return ['backup-run: skipped (the lab needs Linux and root)'];
  const stateDir = `/var/tmp/custode-lab-backup-bench-${process.pid}`;
  await teardownLab(stateDir);
  const home = mkdtempSync(join(tmpdir(), 'custode-backup-bench-'));
  const lab = await startLab({ topology: 'small', stateDir });
  const env = { CUSTODE_HOME: home, LANG: 'C', TZ: 'UTC' };
  try {
    await addSmallLab(lab, env, 'backup bench');
    await lab.fault('esxi-08', 'slow-clone', 'on');
    const shareDir = join(labPaths(stateDir).nasMnt, shareDataset('10.0.0.8'));
    const io: CliIo = { ...nodeIo(), env };
    const session = open(io);
    const runs = new RunStore(session.db);
    const copiesDir = join(home, 'backup-runs');
    const backup = new BackupService({ fleet: session.fleet, ssh: session.ssh, operations: session.operations, runs, copiesDir });
    const history = new BackupHistory({ fleet: session.fleet, ssh: session.ssh, runs, history: new HistoryStore(session.db, runs), settings: new AlertSettings(session.db), copiesDir });
    const signal = new AbortController().signal;
    const plain: number[] = [];
    const custode: number[] = [];
    const preflight: number[] = [];
    const starts: number[] = [];
    const delays: number[] = [];
    const verifies: number[] = [];
    try {
      for (let i = 0; i <= SAMPLES; i++) {
        const warm = i === 0;
        const t0 = performance.now();
        const code = await plainSsh(lab, ['/bin/sh', SCRIPT, '-m', VM, '-g', CONF, '-l', `${SHARE}/bench-plain-${i}.log`]);
        if (code !== 0) throw new Error(`the plain run ended with ${code}`);
        if (!warm) plain.push(performance.now() - t0);

        const p0 = performance.now();
        const planned = await backup.planRun(backup.findHost('esxi-08'), { vms: [VM], dryRun: false }, { signal });
        if (!warm) preflight.push(performance.now() - p0);
        const watch = watchSize(join(shareDir, basename(planned.files.log)));
        let offset = 0;
        const arrivals: Array<{ end: number; at: number }> = [];
        const c0 = performance.now();
        const run = await backup.start(planned, 'backup bench', { signal });
        const started = performance.now() - c0;
        const ended = await backup.follow(run.id, {
          signal,
          onBytes(chunk) {
            const at = performance.now();
            for (let k = chunk.indexOf(10); k >= 0; k = chunk.indexOf(10, k + 1)) arrivals.push({ end: offset + k + 1, at });
            offset += chunk.length;
          },
        });
        const took = performance.now() - c0;
        watch.stop();
        if (ended.exitCode !== 0) throw new Error(`Custode's run ended with ${ended.exitCode}`);
        const v0 = performance.now();
        const verified = await history.afterRun(runs.get(run.id), signal);
        const verifyTook = performance.now() - v0;
        if (verified.verify?.verdict !== 'verified') throw new Error(`the copy did not verify: ${JSON.stringify(verified.verify)}`);
        if (warm) continue;
        verifies.push(verifyTook);
        custode.push(took);
        starts.push(started);
        for (const a of arrivals) {
          const written = watch.writtenBy(a.end);
          if (written !== null) delays.push(a.at - written);
        }
      }
    } finally {
      session.close();
    }
    const p = summarize(plain).median;
    const c = summarize(custode).median;
    const f = summarize(preflight).median;
    const d = summarize(delays);
    const base = 'plain ssh ghettoVCB.sh, waited for';
    return publish({
      name: 'backup-run',
      context: { host: 'lab small, esxi-08', vm: `${VM} (one 100 GB thin disk, slow-clone on)`, samples: `${SAMPLES} each, alternating, after one warm-up pair`, 'log lines timed': delays.length, cores: cpus().length },
      rows: [
        { label: base, value: p / 1000, unit: 's' },
        { label: 'Custode: start + follow to the end', value: c / 1000, unit: 's', baseline: base, ratio: c / p, goal: '≤ 1.05×', met: c / p <= 1.05 },
        { label: 'of which the audited start (checks, launch, trail)', value: summarize(starts).median / 1000, unit: 's' },
        { label: 'Custode: pre-flight before it (while the plan is read)', value: f / 1000, unit: 's' },
        { label: 'Custode: pre-flight + start + follow', value: (f + c) / 1000, unit: 's', baseline: base, ratio: (f + c) / p },
        { label: 'Custode: verify of the copy on the share, after the run', value: summarize(verifies).median / 1000, unit: 's' },
        { label: 'log line on the share → follower, median', value: d.median, unit: 'ms' },
        { label: 'log line on the share → follower, p95', value: d.p95, unit: 'ms', goal: '≤ 1000 ms', met: d.p95 <= 1000 },
        { label: 'log line on the share → follower, max', value: d.max, unit: 'ms' },
      ],
    });
  } finally {
    await lab.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}
