/**
 * The copies on a backup volume, from a listing of it (reference 6): `<volume>/<VM>/<VM>-<YYYY-MM-DD_HH-MM-SS>/`
 * with a STATUS.ok|warn|error marker, `<VM>-<ts>.gz` when compressed (never a marker), `<VM>-<n>` in
 * index mode. Pure: the listing comes from whoever can read the volume (SFTP, `find`, the NAS API).
 */
export interface VolumeEntry {
  /** Relative to VM_BACKUP_VOLUME, `/`-separated, e.g. `web01/web01-2025-11-02_01-00-01/STATUS.ok`. */
  path: string;
  type: 'dir' | 'file' | 'link';
  size: number;
  mtimeMs: number;
  /** Contents, for STATUS files. */
  content?: string;
}

export type CopyStatus = 'ok' | 'warn' | 'error' | 'unknown';

export interface BackupCopy {
  vm: string;
  /** Entry name in the VM folder, e.g. `web01-2025-11-02_01-00-01` or `web01-2025-11-02_01-00-01.gz`. */
  name: string;
  path: string;
  timestamp: string | null;
  index: number | null;
  compressed: boolean;
  status: CopyStatus;
  /** Why the status is what it is: a marker file, a compressed copy (never marked), or no marker at all. */
  statusSource: 'marker' | 'compressed' | 'noMarker';
  statusText: string | null;
  sizeBytes: number;
  /** Files inside the copy, relative to it (a `.gz` copy lists nothing). */
  files: string[];
  mtimeMs: number;
}

export interface VmCopies {
  vm: string;
  /** Newest modification time first, the order rotation uses (`ls -t`). */
  copies: BackupCopy[];
  /** Other names in the VM folder (symlinks, stray files). */
  other: string[];
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/;
const STATUS_RANK: Record<CopyStatus, number> = { unknown: 0, ok: 1, warn: 2, error: 3 };

function copyName(vm: string, name: string): { timestamp: string | null; index: number | null; compressed: boolean } | null {
  if (!name.startsWith(`${vm}-`)) return null;
  const compressed = name.endsWith('.gz');
  const suffix = name.slice(vm.length + 1, compressed ? -3 : undefined);
  if (TIMESTAMP.test(suffix)) return { timestamp: suffix, index: null, compressed };
  if (/^\d+$/.test(suffix)) return { timestamp: null, index: Number(suffix), compressed };
  return null;
}

/** Newest first by mtime; equal mtimes by name, as busybox `ls -t` lists them. */
export function byRotationOrder(a: BackupCopy, b: BackupCopy): number {
  return b.mtimeMs - a.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function backupCopies(entries: readonly VolumeEntry[]): VmCopies[] {
  const vms = new Map<string, { copies: Map<string, BackupCopy>; other: Set<string> }>();
  const folder = (vm: string) => {
    let f = vms.get(vm);
    if (!f) vms.set(vm, (f = { copies: new Map(), other: new Set() }));
    return f;
  };
  const sorted = [...entries].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const entry of sorted) {
    const [vm = '', name, ...inside] = entry.path.split('/').filter((s) => s !== '');
    if (vm === '' || (name === undefined && entry.type !== 'dir')) continue;
    const f = folder(vm);
    if (name === undefined) continue;
    const shape = copyName(vm, name);
    if (!shape || (shape.compressed && entry.type === 'dir')) {
      f.other.add(name);
      continue;
    }
    let copy = f.copies.get(name);
    if (!copy) {
      copy = {
        vm,
        name,
        path: `${vm}/${name}`,
        ...shape,
        status: 'unknown',
        statusSource: shape.compressed ? 'compressed' : 'noMarker',
        statusText: null,
        sizeBytes: 0,
        files: [],
        mtimeMs: entry.mtimeMs,
      };
      f.copies.set(name, copy);
    }
    if (inside.length === 0) {
      copy.mtimeMs = entry.mtimeMs;
      if (entry.type === 'file') copy.sizeBytes += entry.size;
      continue;
    }
    if (entry.type !== 'file') continue;
    const rel = inside.join('/');
    copy.files.push(rel);
    copy.sizeBytes += entry.size;
    const marker = inside.length === 1 ? /^STATUS\.(ok|warn|error)$/.exec(rel) : null;
    if (marker && !copy.compressed) {
      const status = marker[1] as CopyStatus;
      if (STATUS_RANK[status] > STATUS_RANK[copy.status]) {
        copy.status = status;
        copy.statusSource = 'marker';
        copy.statusText = entry.content?.trim() ?? null;
      }
    }
  }
  return [...vms.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([vm, f]) => ({
      vm,
      copies: [...f.copies.values()].map((c) => ({ ...c, files: c.files.sort() })).sort(byRotationOrder),
      other: [...f.other].sort(),
    }));
}
