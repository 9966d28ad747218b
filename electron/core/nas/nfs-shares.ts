import { z } from 'zod';
import type { NfsShare } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';

/**
 * `sharing.nfs.query` on every version (B2): CORE 13 `paths` + `alldirs` + `quiet`, SCALE `path` (+ `aliases`,
 * `expose_snapshots`, 26's `dataset`/`relative_path`). Extra fields are ignored; a share without any path, or a
 * field of the wrong type, makes the whole result unusable (`nas.unexpectedOutput`).
 */
export const nfsSharesCommand = (): ShellCommand => midcltCommand('sharing.nfs.query');

const nullableName = z.string().nullish().transform((v) => (v === '' || v === undefined ? null : v));

const Share = z
  .object({
    id: z.number().int(),
    path: z.string().optional(),
    paths: z.array(z.string()).optional(),
    comment: z.string().nullish(),
    hosts: z.array(z.string()).default([]),
    networks: z.array(z.string()).default([]),
    ro: z.boolean().default(false),
    maproot_user: nullableName,
    maproot_group: nullableName,
    mapall_user: nullableName,
    mapall_group: nullableName,
    security: z.array(z.string()).default([]),
    enabled: z.boolean().default(true),
    locked: z.boolean().nullish(),
    alldirs: z.boolean().optional(),
  })
  .refine((s) => s.path !== undefined || (s.paths !== undefined && s.paths.length > 0), { message: 'share has neither path nor paths' });

export function parseNfsShares(stdout: string): NfsShare[] {
  return parseMidclt('sharing.nfs.query', stdout, z.array(Share)).map((s) => ({
    id: s.id,
    paths: s.path !== undefined ? [s.path] : s.paths!,
    comment: s.comment ?? '',
    hosts: s.hosts,
    networks: s.networks,
    readOnly: s.ro,
    maprootUser: s.maproot_user,
    maprootGroup: s.maproot_group,
    mapallUser: s.mapall_user,
    mapallGroup: s.mapall_group,
    security: s.security.map((x) => x.toUpperCase()),
    enabled: s.enabled,
    locked: s.locked ?? null,
    alldirs: s.alldirs ?? null,
  }));
}
