// Share-level faults, made real: a full share is an overlay whose writable layer is a small tmpfs, mounted on the
// dataset in the holder namespace so the NAS and every ESXi host that mounts the share get ENOSPC alike; a read-only
// share is the export's `ro` flag, re-applied inside the host so its root really cannot write.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error.ts';
import { inHolder } from './holder.ts';
import type { LabPaths } from './lab-paths.ts';
import { updateNasState } from './nas/state.ts';
import { shareDataset, sharePath } from './topology.ts';

const FULL_SCRIPT = `set -e
mount -t tmpfs -o "size=$3,mode=755" lab-full "$2"
mkdir "$2/upper" "$2/work"
mount -t overlay lab-full -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$1"
`;

// Folds what was written while full back into the dataset: whiteouts (0/0 char devices) are deletions.
const UNFULL_SCRIPT = `set -e
umount -l "$1"
cd "$2/upper"
find . -type c | while IFS= read -r w; do rm -rf "$1/$w"; rm -f "$w"; done
cp -a . "$1/"
cd /
umount -l "$2"
`;

function datasetDir(paths: LabPaths, ip: string): string {
  return join(paths.nasMnt, shareDataset(ip));
}

function marker(paths: LabPaths, ip: string): string {
  return join(paths.nasFaults, `full-${ip}`);
}

export function isNasFull(paths: LabPaths, ip: string): boolean {
  return existsSync(marker(paths, ip));
}

export async function setNasFull(paths: LabPaths, ip: string, on: boolean, sizeBytes = 1024 * 1024): Promise<void> {
  const dir = datasetDir(paths, ip);
  if (!existsSync(dir)) throw new AppError('lab.shareUnknown', `No dataset for ${ip} on the NAS`, { ip });
  const mountDir = join(paths.nasFaults, ip);
  if (on === isNasFull(paths, ip)) return;
  if (on) {
    mkdirSync(mountDir, { recursive: true });
    await inHolder(paths, 'sh', ['-c', FULL_SCRIPT, 'full', dir, mountDir, String(sizeBytes)]);
    writeFileSync(marker(paths, ip), String(sizeBytes));
  } else {
    await inHolder(paths, 'sh', ['-c', UNFULL_SCRIPT, 'unfull', dir, mountDir]);
    rmSync(marker(paths, ip), { force: true });
  }
}

export function setShareReadOnly(paths: LabPaths, ip: string, on: boolean): void {
  updateNasState(paths.nasState, (state) => {
    const share = state.shares.find((s) => s.path === sharePath(ip));
    if (share === undefined) throw new AppError('lab.shareUnknown', `No NFS share for ${ip} on the NAS`, { ip });
    share.ro = on;
  });
}
