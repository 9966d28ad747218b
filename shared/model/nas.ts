import { z } from 'zod';

/**
 * TrueNAS as Custode sees it, normalised over CORE 13 and SCALE 22.12–26 (esxi-truenas.md B2–B6): the version
 * differences (`path`/`paths`, `v4`/`protocols`, `zfs.snapshot`/`pool.snapshot`) stop at the parsers.
 */
export const NasFlavour = z.enum(['CORE', 'SCALE']);
export type NasFlavour = z.infer<typeof NasFlavour>;

export const NasRelease = z.object({
  flavour: NasFlavour,
  /** As printed by system.info, e.g. `TrueNAS-SCALE-24.10.2.2`. */
  text: z.string(),
  /** `[24, 10]`, `[13, 0]`; null when the string is not recognised. */
  major: z.number().int().nullable(),
  minor: z.number().int().nullable(),
});
export type NasRelease = z.infer<typeof NasRelease>;

export const Nas = z.object({
  address: z.string(),
  hostname: z.string(),
  release: NasRelease,
  uptimeSeconds: z.number().nullable(),
  timezone: z.string().nullable(),
});
export type Nas = z.infer<typeof Nas>;

export const NfsShare = z.object({
  id: z.number().int(),
  /** SCALE's `path` as a one-element list, CORE's `paths` as is. */
  paths: z.array(z.string()),
  comment: z.string(),
  hosts: z.array(z.string()),
  networks: z.array(z.string()),
  readOnly: z.boolean(),
  maprootUser: z.string().nullable(),
  maprootGroup: z.string().nullable(),
  mapallUser: z.string().nullable(),
  mapallGroup: z.string().nullable(),
  /** Upper-case flavours (SYS, KRB5, KRB5I, KRB5P); empty = the service default. */
  security: z.array(z.string()),
  enabled: z.boolean(),
  locked: z.boolean().nullable(),
  /** CORE only. */
  alldirs: z.boolean().nullable(),
});
export type NfsShare = z.infer<typeof NfsShare>;

export const NfsServiceConfig = z.object({
  v3Enabled: z.boolean(),
  v4Enabled: z.boolean(),
  v4Kerberos: z.boolean(),
  v4Domain: z.string(),
  bindIps: z.array(z.string()),
  allowNonroot: z.boolean(),
});
export type NfsServiceConfig = z.infer<typeof NfsServiceConfig>;

export const Dataset = z.object({
  id: z.string(),
  name: z.string(),
  pool: z.string(),
  type: z.string(),
  mountpoint: z.string().nullable(),
  usedBytes: z.number().nullable(),
  availableBytes: z.number().nullable(),
  quotaBytes: z.number().nullable(),
  usedBySnapshotsBytes: z.number().nullable(),
  readOnly: z.boolean().nullable(),
  compression: z.string().nullable(),
  encrypted: z.boolean(),
  encryptionRoot: z.string().nullable(),
  encryptionAlgorithm: z.string().nullable(),
  keyLoaded: z.boolean().nullable(),
  locked: z.boolean().nullable(),
  /** Dataset names of nested children (flat queries list them separately). */
  children: z.array(z.string()),
});
export type Dataset = z.infer<typeof Dataset>;

export const SnapshotTask = z.object({
  id: z.number().int(),
  dataset: z.string(),
  recursive: z.boolean(),
  exclude: z.array(z.string()),
  lifetimeValue: z.number(),
  lifetimeUnit: z.string(),
  namingSchema: z.string(),
  enabled: z.boolean(),
  schedule: z.object({
    minute: z.string(),
    hour: z.string(),
    dom: z.string(),
    month: z.string(),
    dow: z.string(),
    begin: z.string().nullable(),
    end: z.string().nullable(),
  }),
  stateText: z.string().nullable(),
});
export type SnapshotTask = z.infer<typeof SnapshotTask>;

export const ZfsSnapshot = z.object({
  id: z.string(),
  dataset: z.string(),
  name: z.string(),
  /** Epoch seconds. */
  createdAt: z.number().nullable(),
  usedBytes: z.number().nullable(),
});
export type ZfsSnapshot = z.infer<typeof ZfsSnapshot>;

export const FileType = z.enum(['DIRECTORY', 'FILE', 'SYMLINK', 'OTHER']);
export type FileType = z.infer<typeof FileType>;

export const FileStat = z.object({
  realpath: z.string(),
  type: FileType,
  size: z.number(),
  mode: z.number(),
  uid: z.number(),
  gid: z.number(),
  /** Epoch seconds. */
  mtime: z.number().nullable(),
  user: z.string().nullable(),
  group: z.string().nullable(),
});
export type FileStat = z.infer<typeof FileStat>;

export const DirEntry = z.object({
  name: z.string(),
  path: z.string(),
  type: FileType,
  size: z.number(),
  mode: z.number().nullable(),
  uid: z.number().nullable(),
  gid: z.number().nullable(),
});
export type DirEntry = z.infer<typeof DirEntry>;

export const FsUsage = z.object({
  totalBytes: z.number(),
  freeBytes: z.number(),
  availableBytes: z.number(),
  fstype: z.string().nullable(),
  source: z.string().nullable(),
  readOnly: z.boolean().nullable(),
});
export type FsUsage = z.infer<typeof FsUsage>;
