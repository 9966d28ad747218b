// The restore of one VM through Custode against the same clone done by hand. Baseline: `ssh host mkdir D &&
// vmkfstools -i <copy's disk> -d thin D/<disk>.vmdk` on the same lab host, from the same copy, measured in the same
// run, alternating with Custode's restore so both see the same machine load. Custode's restore is measured as the run
// of the reviewed plan (the audited steps: folder, clone, .vmx, nvram, register) with its verification; its plan (every
// check, read while the user reviews it) is shown on its own row. Each restored VM is removed between samples, out of
// the timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../../electron/cli/commands/fleet.ts';
import type { CliIo } from '../../electron/cli/io.ts';
import { nodeIo } from '../../electron/cli/main.ts';
import { RestoreRequest } from '../../shared/model/restore.ts';
import { custodeInProcess } from '../custode-in-process.ts';
import { startLab, teardownLab } from '../lab/api.ts';
import { addSmallLab, plainSsh } from './lab-bench.ts';
import { publish, summarize } from './report.ts';

const SAMPLES = 3;
const VM = 'segreteria-dc01';
const DATASTORE = '/vmfs/volumes/datastore1';

export default async function bench(): Promise<string[]> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return ['restore: skipped (the lab needs Linux and root)'];
  const stateDir = `/var/tmp/custode-lab-restore-bench-${process.pid}`;
  await teardownLab(stateDir);
  const home = mkdtempSync(join(tmpdir(), 'custode-restore-bench-'));
  const lab = await startLab({ topology: 'small', stateDir });
  const env = { CUSTODE_HOME: home, LANG: 'C', TZ: 'UTC' };
  try {
    await addSmallLab(lab, env, 'restore bench');
    const made = await custodeInProcess(['backup', 'run', 'esxi-08', '--vm', VM, '--reason', 'a copy for the restore bench', '--yes'], env);
    if (made.code !== 0) throw new Error(`the backup for the bench failed: ${made.err}`);
    await lab.fault('esxi-08', 'slow-clone', 'on');
    const io: CliIo = { ...nodeIo(), env };
    const session = open(io);
    const restore = session.restore;
    const signal = new AbortController().signal;
    const hostId = restore.findHost('esxi-08');
    const plain: number[] = [];
    const custode: number[] = [];
    const plans: number[] = [];
    let copy = '';
    try {
      for (let i = 0; i <= SAMPLES; i++) {
        const warm = i === 0;
        const p0 = performance.now();
        const view = await restore.plan(RestoreRequest.parse({ vm: VM, toHostId: hostId, datastore: 'datastore1', name: `bench-custode-${i}`, method: 'native' }), { signal });
        if (view.verdict === 'block') throw new Error(`the restore plan blocks: ${view.checks.filter((c) => c.verdict === 'block').map((c) => c.code).join(', ')}`);
        if (!warm) plans.push(performance.now() - p0);
        copy = view.copy.folder;
        const source = view.disks[0]!.source;

        const dir = `${DATASTORE}/bench-plain-${i}`;
        const t0 = performance.now();
        const code = await plainSsh(lab, ['mkdir', dir, '&&', 'vmkfstools', '-i', source, '-d', 'thin', `${dir}/${VM}.vmdk`]);
        if (code !== 0) throw new Error(`the plain clone ended with ${code}`);
        if (!warm) plain.push(performance.now() - t0);

        const c0 = performance.now();
        const result = await restore.run(view.planId, 'restore bench', { signal });
        if (!warm) custode.push(performance.now() - c0);
        await plainSsh(lab, ['vim-cmd', 'vmsvc/unregister', result.vmid, '&&', 'rm', '-rf', `'${DATASTORE}/bench-custode-${i}'`, dir]);
      }
    } finally {
      session.close();
    }
    const p = summarize(plain).median;
    const c = summarize(custode).median;
    const f = summarize(plans).median;
    const base = 'plain ssh mkdir + vmkfstools -i, waited for';
    return publish({
      name: 'restore',
      context: { host: 'lab small, esxi-08', vm: `${VM} (one 100 GB thin disk, slow-clone on)`, copy, method: 'native', samples: `${SAMPLES} each, alternating, after one warm-up pair`, cores: cpus().length },
      rows: [
        { label: base, value: p / 1000, unit: 's' },
        { label: 'Custode: restore run (audited steps, register, verify)', value: c / 1000, unit: 's', baseline: base, ratio: c / p, goal: '≤ 1.05×', met: c / p <= 1.05 },
        { label: 'Custode: plan with every check (while it is reviewed)', value: f / 1000, unit: 's' },
        { label: 'Custode: plan + run', value: (f + c) / 1000, unit: 's', baseline: base, ratio: (f + c) / p },
      ],
    });
  } finally {
    await lab.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}
