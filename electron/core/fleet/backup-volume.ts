import type { VolumeEntry } from '../ghettovcb/layout/copies.ts';
import { joinPath } from '../shell/command.ts';
import type { RemoteEntry } from '../ssh/sftp.ts';
import type { ProbeShell } from './probe-shell.ts';

/**
 * The copies on a host's backup volume, read from the host's side of the share (SFTP listings, nothing opened):
 * the root, each VM folder, and each dated copy folder inside it (its files give the STATUS marker and the size).
 * Only names shaped like ghettoVCB copies are entered, so a volume shared with other data costs one listing.
 */
const COPY_NAME = /-(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}|\d+)$/;

const typeOf = (e: RemoteEntry): VolumeEntry['type'] => (e.type === 'directory' ? 'dir' : e.type === 'symlink' ? 'link' : 'file');
const entry = (path: string, e: RemoteEntry): VolumeEntry => ({ path, type: typeOf(e), size: e.size, mtimeMs: e.mtime * 1000 });

export interface VolumeListing {
  /** The root's own entries (logs live there on the site). */
  root: RemoteEntry[];
  entries: VolumeEntry[];
}

export async function listBackupVolume(shell: ProbeShell, volume: string): Promise<VolumeListing> {
  const root = await shell.list(volume);
  const entries: VolumeEntry[] = root.map((e) => entry(e.name, e));
  const vmDirs = root.filter((e) => e.type === 'directory' && !e.name.startsWith('.'));
  await Promise.all(
    vmDirs.map(async (vm) => {
      const inside = await shell.list(joinPath(volume, vm.name));
      entries.push(...inside.map((e) => entry(`${vm.name}/${e.name}`, e)));
      const copies = inside.filter((e) => e.type === 'directory' && e.name.startsWith(`${vm.name}-`) && COPY_NAME.test(e.name));
      await Promise.all(
        copies.map(async (copy) => {
          const files = await shell.list(joinPath(volume, vm.name, copy.name));
          entries.push(...files.map((e) => entry(`${vm.name}/${copy.name}/${e.name}`, e)));
        }),
      );
    }),
  );
  return { root, entries };
}
