// Lays out the simulated TrueNAS for a topology: the pool and one dataset + NFS share per ESXi host, restricted to
// that host's identity IP with root not squashed (as the site runs today); a bare host gets none. An existing state file is kept, so the
// NAS's state persists across `lab down` / `lab up` with the same state dir.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from '../topology.ts';
import { BACKUP_PARENT, NAS_POOL, shareDataset, sharePath } from '../topology.ts';
import { newDataset } from './datasets.ts';
import { newShare } from './sharing-nfs.ts';
import { createNasState, defaultNfsConfig, readNasState, updateNasState, type NasState } from './state.ts';
import { nasTraits } from './versions.ts';

export function provisionNas(statePath: string, mntDir: string, topology: Topology): void {
  const now = Math.floor(Date.now() / 1000);
  if (!existsSync(statePath)) {
    const state: NasState = {
      version: topology.nas.version,
      hostname: topology.nas.hostname,
      ip: topology.nas.ip,
      mntDir,
      bootTime: now,
      nfs: defaultNfsConfig(),
      shares: [],
      datasets: [NAS_POOL, BACKUP_PARENT].map((name) => newDataset(name, now - 400 * 86400)),
      snapshots: [],
      snapshotTasks: [],
      nextShareId: 1,
      nextTaskId: 1,
      txg: 1000,
    };
    createNasState(statePath, state);
  }
  updateNasState(statePath, (state) => {
    state.version = topology.nas.version;
    state.mntDir = mntDir;
    state.poolBytes = topology.nas.poolGB * 1024 ** 3;
    state.bootTime = now;
    const rootGroup = nasTraits(state.version).rootGroup;
    for (const host of topology.esxi.filter((h) => h.bare !== true)) {
      const dataset = shareDataset(host.spec.ip);
      if (!state.datasets.some((d) => d.name === dataset)) state.datasets.push(newDataset(dataset, now - 200 * 86400));
      const path = sharePath(host.spec.ip);
      if (!state.shares.some((s) => s.path === path)) {
        const share = newShare(state.nextShareId++);
        Object.assign(share, { path, comment: `ghettoVCB ${host.spec.hostname}`, hosts: [host.spec.ip], maproot_user: 'root', maproot_group: rootGroup });
        state.shares.push(share);
      }
    }
    for (const d of state.datasets) mkdirSync(join(mntDir, d.name), { recursive: true });
  });
}

export function nasIdentity(statePath: string): { ip: string; hostname: string } {
  const s = readNasState(statePath);
  return { ip: s.ip, hostname: s.hostname };
}
