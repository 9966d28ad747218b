import { z } from 'zod';

/** A datastore as `hostsvc/datastore/listsummary` reports it (sizes in bytes). */
export const Datastore = z.object({
  name: z.string(),
  url: z.string(),
  /** VMFS, NFS, NFS41, vsan, … as printed. */
  type: z.string(),
  capacity: z.number().nullable(),
  freeSpace: z.number().nullable(),
  accessible: z.boolean().nullable(),
});
export type Datastore = z.infer<typeof Datastore>;

export const NfsVersion = z.enum(['nfs3', 'nfs41']);
export type NfsVersion = z.infer<typeof NfsVersion>;

/** A row of `esxcli storage nfs41 list` / `esxcli storage nfs list`. */
export const NfsMount = z.object({
  volumeName: z.string(),
  version: NfsVersion,
  hosts: z.array(z.string()),
  share: z.string(),
  accessible: z.boolean().nullable(),
  mounted: z.boolean().nullable(),
  readOnly: z.boolean().nullable(),
  /** AUTH_SYS, SEC_KRB5, SEC_KRB5I; null for NFS 3 (no column). */
  security: z.string().nullable(),
  hardwareAcceleration: z.string().nullable(),
  /** Columns this parser does not know (e.g. 8.0U3 `Vmknic`, `Connections`), kept verbatim. */
  extra: z.record(z.string(), z.string()),
});
export type NfsMount = z.infer<typeof NfsMount>;

/** A row of `esxcli storage filesystem list`. */
export const Filesystem = z.object({
  mountPoint: z.string(),
  volumeName: z.string(),
  uuid: z.string(),
  mounted: z.boolean().nullable(),
  type: z.string(),
  size: z.number().nullable(),
  free: z.number().nullable(),
});
export type Filesystem = z.infer<typeof Filesystem>;
