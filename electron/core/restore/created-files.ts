import type { RestoreDiskFormat } from '../../../shared/model/restore.ts';

/** vmkfstools' 2gbsparse extents hold at most this many sectors (2 GB less one 64 KB grain table's worth). */
const SPARSE_EXTENT_SECTORS = 4192256;

/** The files a clone to `descriptor` in `format` makes: the descriptor and its data extents. */
export function cloneFiles(descriptor: string, format: RestoreDiskFormat, provisionedBytes: number): string[] {
  const stem = descriptor.replace(/\.vmdk$/, '');
  if (format !== '2gbsparse') return [descriptor, `${stem}-flat.vmdk`];
  const extents = Math.max(1, Math.ceil(provisionedBytes / 512 / SPARSE_EXTENT_SECTORS));
  return [descriptor, ...Array.from({ length: extents }, (_, i) => `${stem}-s${String(i + 1).padStart(3, '0')}.vmdk`)];
}
