// How long the lab takes to come up: large:50 (target < 30 s on 2 cores), against small as the same-run baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { startLab } from '../lab/api.ts';

async function timeUpDown(topology: string): Promise<{ up: number; down: number }> {
  const stateDir = mkdtempSync('/var/tmp/custode-lab-bench-');
  try {
    const started = performance.now();
    const lab = await startLab({ topology, stateDir, seedHistory: false });
    const up = (performance.now() - started) / 1000;
    const stopping = performance.now();
    await lab.stop();
    return { up, down: (performance.now() - stopping) / 1000 };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<string[]> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return ['lab-up: skipped (the lab needs Linux and root)'];
  const small = await timeUpDown('small');
  const large = await timeUpDown('large:50');
  return [
    `lab-up: large:50 up in ${large.up.toFixed(1)} s (target < 30 s), down in ${large.down.toFixed(1)} s`,
    `lab-up: small up in ${small.up.toFixed(1)} s; large:50 / small = ${(large.up / small.up).toFixed(1)}x for 25.5x the hosts`,
  ];
}
