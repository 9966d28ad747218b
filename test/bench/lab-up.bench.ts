// How long the lab takes to come up and what it costs on this machine's disk. Baseline: the small topology (one host,
// no history), started in the same run. seed is started as `lab up` starts it, three nights of backups included; the
// disk figure is what its state dir really holds then, beside what its VMs' disks are provisioned at.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startLab } from '../lab/api.ts';
import { readDescriptor } from '../lab/esxi/vmdk.ts';
import { allocatedBytes } from '../lab/nas/space.ts';
import { publish, type BenchRow } from './report.ts';

const GIB = 1024 ** 3;
const DISK_GOAL = 2 * GIB;

interface UpDown {
  up: number;
  down: number;
  realBytes: number;
  provisionedBytes: number;
}

/** Provisioned bytes of every VM disk on the hosts' local datastores (descriptors' extents), backups excluded. */
function provisioned(stateDir: string): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.vmdk') && !e.name.endsWith('-flat.vmdk')) {
        const d = readDescriptor(p);
        if (d !== null && d.parentHint === null) total += d.extents.reduce((a, x) => a + x.sectors * 512, 0);
      }
    }
  };
  walk(join(stateDir, 'hosts'));
  return total;
}

async function timeUpDown(topology: string, seedHistory: boolean): Promise<UpDown> {
  const stateDir = mkdtempSync('/var/tmp/custode-lab-bench-');
  try {
    const started = performance.now();
    const lab = await startLab({ topology, stateDir, seedHistory });
    const up = (performance.now() - started) / 1000;
    const stopping = performance.now();
    await lab.stop();
    const down = (performance.now() - stopping) / 1000;
    return { up, down, realBytes: allocatedBytes(stateDir), provisionedBytes: provisioned(stateDir) };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<string[]> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return ['lab-up: skipped (the lab needs Linux and root)'];
  const small = await timeUpDown('small', false);
  const seed = await timeUpDown('seed', true);
  const large = await timeUpDown('large:50', false);
  const base = 'small up';
  const rows: BenchRow[] = [
    { label: base, value: small.up, unit: 's' },
    { label: 'seed up (3 nights of history)', value: seed.up, unit: 's', baseline: base, ratio: seed.up / small.up },
    { label: 'large:50 up', value: large.up, unit: 's', baseline: base, ratio: large.up / small.up, goal: '< 30 s on 2 cores', met: large.up < 30 },
    { label: 'seed down', value: seed.down, unit: 's' },
    { label: 'large:50 down', value: large.down, unit: 's' },
    { label: 'seed real disk after 3 nights', value: seed.realBytes / GIB, unit: 'GiB', goal: '< 2 GiB', met: seed.realBytes < DISK_GOAL },
    { label: 'seed VM disks provisioned', value: seed.provisionedBytes / GIB, unit: 'GiB' },
    { label: 'large:50 real disk', value: large.realBytes / GIB, unit: 'GiB' },
    { label: 'large:50 VM disks provisioned', value: large.provisionedBytes / GIB, unit: 'GiB' },
  ];
  return publish({ name: 'lab-up', context: { hosts: 'small 1, seed 5, large:50 50', cores: cpus().length }, rows });
}
