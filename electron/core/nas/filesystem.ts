import { z } from 'zod';
import type { DirEntry, FileStat, FsUsage } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';

/**
 * `filesystem.stat`, `filesystem.listdir` (B6) and `filesystem.statfs` (SCALE; its keys are not in the reference —
 * they follow the middleware as the lab serves it, unverified). Used to read backup folders and STATUS files and
 * the free space behind a share from the NAS side. Times are float epoch seconds.
 */
export const fileStatCommand = (path: string): ShellCommand => midcltCommand('filesystem.stat', path);
export const fsUsageCommand = (path: string): ShellCommand => midcltCommand('filesystem.statfs', path);
export const listDirCommand = (path: string): ShellCommand => midcltCommand('filesystem.listdir', path);

const FileTypeText = z.string().transform((t) => {
  const u = t.toUpperCase();
  return u === 'DIRECTORY' || u === 'FILE' || u === 'SYMLINK' ? u : 'OTHER';
});

const Stat = z.object({
  realpath: z.string(),
  type: FileTypeText,
  size: z.number(),
  mode: z.number(),
  uid: z.number(),
  gid: z.number(),
  mtime: z.number().nullish(),
  user: z.string().nullish(),
  group: z.string().nullish(),
});

export function parseFileStat(stdout: string): FileStat {
  const s = parseMidclt('filesystem.stat', stdout, Stat);
  return { ...s, mtime: s.mtime ?? null, user: s.user ?? null, group: s.group ?? null };
}

const Entry = z.object({
  name: z.string(),
  path: z.string(),
  type: FileTypeText,
  size: z.number(),
  mode: z.number().nullish(),
  uid: z.number().nullish(),
  gid: z.number().nullish(),
});

export function parseListDir(stdout: string): DirEntry[] {
  return parseMidclt('filesystem.listdir', stdout, z.array(Entry)).map((e) => ({
    ...e,
    mode: e.mode ?? null,
    uid: e.uid ?? null,
    gid: e.gid ?? null,
  }));
}

const Statfs = z.object({
  total_bytes: z.number(),
  free_bytes: z.number(),
  avail_bytes: z.number(),
  fstype: z.string().nullish(),
  source: z.string().nullish(),
  flags: z.array(z.string()).nullish(),
});

export function parseFsUsage(stdout: string): FsUsage {
  const s = parseMidclt('filesystem.statfs', stdout, Statfs);
  return {
    totalBytes: s.total_bytes,
    freeBytes: s.free_bytes,
    availableBytes: s.avail_bytes,
    fstype: s.fstype ?? null,
    source: s.source ?? null,
    readOnly: s.flags == null ? null : s.flags.map((f) => f.toUpperCase()).includes('RO'),
  };
}
