// filesystem.listdir / stat / statfs (reference B6) on the real dataset directories. statfs sizes are the dataset's as
// the lab accounts them (dataset-space.ts: pool capacity, quota, a share made full by the lab), never this machine's
// free disk. (statfs keys: inferred from the SCALE middleware; verify.)
import { lstatSync, readdirSync, realpathSync, statfsSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.ts';
import { datasetOfPath, pathSpace } from './dataset-space.ts';
import { applyQuery, type QueryOptions } from './query.ts';
import { realPath, type NasState } from './state.ts';
import { nasTraits } from './versions.ts';

function typeOf(st: Stats): string {
  if (st.isDirectory()) return 'DIRECTORY';
  if (st.isFile()) return 'FILE';
  if (st.isSymbolicLink()) return 'SYMLINK';
  return 'OTHER';
}

function toNas(state: NasState, real: string): string {
  return real.startsWith(state.mntDir) ? '/mnt' + real.slice(state.mntDir.length) : real;
}

function resolve(state: NasState, path: unknown, attr: string): string {
  const real = typeof path === 'string' ? realPath(state, path) : null;
  if (real === null) fail(attr, 'Path must reside within /mnt');
  try {
    lstatSync(real);
  } catch {
    fail(attr, `Path ${String(path)} not found`, 'ENOENT');
  }
  return real;
}

function isMountpoint(state: NasState, nasPath: string): boolean {
  return state.datasets.some((d) => `/mnt/${d.name}` === nasPath);
}

function entry(state: NasState, real: string, name: string): Record<string, unknown> {
  const st = lstatSync(real);
  const core = nasTraits(state.version).core;
  const nasPath = toNas(state, real);
  let resolved = real;
  try {
    resolved = realpathSync(real);
  } catch {
    // dangling symlink: realpath is the link itself
  }
  const base: Record<string, unknown> = {
    name,
    path: nasPath,
    realpath: toNas(state, resolved),
    type: typeOf(st),
    size: st.size,
    mode: st.mode,
    acl: false,
    uid: st.uid,
    gid: st.gid,
  };
  if (core) return base;
  return {
    ...base,
    allocation_size: st.blocks * 512,
    mount_id: 0,
    is_mountpoint: isMountpoint(state, nasPath),
    is_ctldir: false,
    attributes: [],
    xattrs: [],
    zfs_attrs: [],
  };
}

function stat(state: NasState, args: unknown[]): Record<string, unknown> {
  const real = resolve(state, args[0], 'filesystem.stat');
  const st = lstatSync(real);
  const core = nasTraits(state.version).core;
  const nasPath = toNas(state, real);
  const out: Record<string, unknown> = {
    realpath: toNas(state, realpathSync(real)),
    type: typeOf(st),
    size: st.size,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    atime: st.atimeMs / 1000,
    mtime: st.mtimeMs / 1000,
    ctime: st.ctimeMs / 1000,
    dev: st.dev,
    inode: st.ino,
    nlink: st.nlink,
    user: st.uid === 0 ? 'root' : null,
    group: st.gid === 0 ? (core ? 'wheel' : 'root') : null,
    acl: false,
  };
  if (core) return out;
  return {
    ...out,
    allocation_size: st.blocks * 512,
    mount_id: 0,
    btime: st.birthtimeMs / 1000,
    is_mountpoint: isMountpoint(state, nasPath),
    is_ctldir: false,
    attributes: [],
  };
}

function statfs(state: NasState, args: unknown[]): Record<string, unknown> {
  const real = resolve(state, args[0], 'filesystem.statfs');
  const s = statfsSync(real);
  const nasPath = toNas(state, real);
  const dataset = datasetOfPath(state, nasPath)?.name;
  const space = pathSpace(state, nasPath) ?? { total: s.blocks * s.bsize, available: s.bavail * s.bsize };
  const blocks = Math.floor(space.total / s.bsize);
  const avail = Math.floor(space.available / s.bsize);
  return {
    flags: ['RW', 'NOSUID', 'NOEXEC'],
    fstype: 'zfs',
    source: dataset ?? '',
    dest: dataset ? `/mnt/${dataset}` : nasPath,
    blocksize: s.bsize,
    total_blocks: blocks,
    free_blocks: avail,
    avail_blocks: avail,
    total_blocks_str: String(blocks),
    free_blocks_str: String(avail),
    avail_blocks_str: String(avail),
    files: s.files,
    free_files: s.ffree,
    name_max: 255,
    fsid: [],
    total_bytes: blocks * s.bsize,
    free_bytes: avail * s.bsize,
    avail_bytes: avail * s.bsize,
    total_bytes_str: String(blocks * s.bsize),
    free_bytes_str: String(avail * s.bsize),
    avail_bytes_str: String(avail * s.bsize),
  };
}

export const filesystemMethods = {
  'filesystem.listdir': (state: NasState, args: unknown[]) => {
    const real = resolve(state, args[0], 'filesystem.listdir');
    if (!lstatSync(real).isDirectory()) fail('filesystem.listdir', `Path ${String(args[0])} is not a directory`, 'ENOTDIR');
    const rows = readdirSync(real).map((name) => entry(state, join(real, name), name));
    return applyQuery(rows, args[1], args[2] as QueryOptions | undefined);
  },
  'filesystem.stat': stat,
  'filesystem.statfs': statfs,
};
