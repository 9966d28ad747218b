import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * `[datastore] folder/file.vmx` (vim-cmd's File column, vmPathName) ↔ `/vmfs/volumes/datastore/folder/file.vmx`.
 * Datastore names and paths may hold spaces; only the first `] ` ends the name.
 */
export interface DatastorePath {
  datastore: string;
  path: string;
}

const VOLUMES = '/vmfs/volumes/';

export function parseDatastorePath(text: string): DatastorePath | null {
  const m = /^\[([^\]]*)\] (.*)$/s.exec(text);
  return m === null ? null : { datastore: m[1]!, path: m[2]! };
}

export function toVolumePath(dsPath: DatastorePath): string {
  if (dsPath.datastore === '' || dsPath.datastore.includes('/') || dsPath.path.split('/').includes('..')) {
    throw new AppError('esxi.invalidDatastorePath', `Not a datastore path: [${dsPath.datastore}] ${dsPath.path}`, { ...dsPath });
  }
  return `${VOLUMES}${dsPath.datastore}/${dsPath.path.replace(/^\/+/, '')}`;
}

/** `/vmfs/volumes/<name-or-uuid>/rest` → its datastore part and the rest (without leading slash). */
export function splitVolumePath(path: string): { volume: string; rest: string } | null {
  if (!path.startsWith(VOLUMES)) return null;
  const tail = path.slice(VOLUMES.length).replace(/^\/+/, '');
  const slash = tail.indexOf('/');
  const volume = slash < 0 ? tail : tail.slice(0, slash);
  if (volume === '') return null;
  return { volume, rest: slash < 0 ? '' : tail.slice(slash + 1).replace(/\/+$/, '') };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A .vmx `fileName`: absolute when it names /vmfs/volumes (as ghettoVCB tests), else relative to the VM folder. */
export function resolveVmxFileName(vmxAbsolutePath: string, fileName: string): string {
  return fileName.includes('/vmfs/volumes') ? fileName : `${dirname(vmxAbsolutePath)}/${fileName}`;
}
