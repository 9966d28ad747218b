import { z } from 'zod';
import type { NfsServiceConfig } from '../../../shared/model/nas.ts';
import type { ShellCommand } from '../shell/command.ts';
import { midcltCommand, parseMidclt } from './midclt.ts';

/**
 * `nfs.config` (B3): NFSv4 is `v4: true` up to 22.12 (and on CORE), `protocols` containing `NFSV4` from 23.10.
 * A result with neither cannot say whether ESXi's NFS 4.1 mounts are served, so it is unusable.
 */
export const nfsConfigCommand = (): ShellCommand => midcltCommand('nfs.config');

const Config = z
  .object({
    v4: z.boolean().optional(),
    protocols: z.array(z.string()).optional(),
    v4_krb: z.boolean().nullish(),
    v4_domain: z.string().nullish(),
    bindip: z.array(z.string()).nullish(),
    allow_nonroot: z.boolean().nullish(),
  })
  .refine((c) => c.v4 !== undefined || c.protocols !== undefined, { message: 'neither v4 nor protocols' });

export function parseNfsConfig(stdout: string): NfsServiceConfig {
  const c = parseMidclt('nfs.config', stdout, Config);
  const protocols = c.protocols?.map((p) => p.toUpperCase());
  return {
    v3Enabled: protocols === undefined ? true : protocols.includes('NFSV3'),
    v4Enabled: protocols === undefined ? c.v4 === true : protocols.includes('NFSV4'),
    v4Kerberos: c.v4_krb === true,
    v4Domain: c.v4_domain ?? '',
    bindIps: c.bindip ?? [],
    allowNonroot: c.allow_nonroot === true,
  };
}
