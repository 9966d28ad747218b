import type { RestoreCheck } from '../../../shared/model/restore.ts';

/** ESXi refuses a display name (and so a folder) longer than this. */
export const ESXI_NAME_MAX = 80;

/**
 * The new VM's name, as the folder, the .vmx, the .nvram and each disk are named after it (the layout
 * ghettoVCB-restore.sh gives a restore with its 4th field, reference 4.4). Null when the name is fine.
 */
export function nameProblem(name: string): RestoreCheck | null {
  const block = (code: string, params: Record<string, string | number> = {}): RestoreCheck => ({ check: 'name', verdict: 'block', code, params: { name, ...params } });
  if (name.trim() === '') return block('restore.check.name.empty');
  if (name !== name.trim()) return block('restore.check.name.whitespace');
  if (name.includes('/')) return block('restore.check.name.slash');
  if (name === '.' || name === '..') return block('restore.check.name.dots');
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return block('restore.check.name.control');
  if ([...name].length > ESXI_NAME_MAX) return block('restore.check.name.tooLong', { length: [...name].length, max: ESXI_NAME_MAX });
  return null;
}

/** Where the restored VM's files go on the target datastore (`/vmfs/volumes/<ds>`). */
export function targetLayout(datastorePath: string, name: string) {
  const folder = `${datastorePath.replace(/\/+$/, '')}/${name}`;
  return {
    folder,
    vmx: `${folder}/${name}.vmx`,
    nvram: `${folder}/${name}.nvram`,
    /** ghettoVCB-restore.sh names disk N of the .vmx's disk lines `<name>-N.vmdk`. */
    disk: (index: number) => `${folder}/${name}-${index}.vmdk`,
  };
}
