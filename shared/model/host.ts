import { z } from 'zod';

/** What an ESXi host says about itself (`vmware -v`, `esxcli system version get`, hostname, vmkernel ports). */
export const HostVersion = z.object({
  product: z.string(),
  /** Three-part release as ghettoVCB compares it, e.g. `8.0.2`. */
  version: z.string(),
  build: z.string().nullable(),
  update: z.number().int().nullable(),
  patch: z.number().int().nullable(),
});
export type HostVersion = z.infer<typeof HostVersion>;

export const HostNames = z.object({
  hostName: z.string(),
  domainName: z.string(),
  fqdn: z.string(),
});
export type HostNames = z.infer<typeof HostNames>;

export const VmkInterface = z.object({
  name: z.string(),
  address: z.string(),
  netmask: z.string(),
  broadcast: z.string(),
  addressType: z.string(),
  gateway: z.string(),
  dhcpDns: z.boolean().nullable(),
});
export type VmkInterface = z.infer<typeof VmkInterface>;

export const SecureBootState = z.enum(['enabled', 'disabled', 'unknown']);
export type SecureBootState = z.infer<typeof SecureBootState>;

export const Vib = z.object({
  name: z.string(),
  version: z.string(),
  vendor: z.string(),
  acceptanceLevel: z.string(),
  installDate: z.string(),
});
export type Vib = z.infer<typeof Vib>;

export const Host = z.object({
  /** The address Custode connects to (also the identity the NAS must allow, with the vmkernel IPs). */
  address: z.string(),
  names: HostNames.nullable(),
  version: HostVersion.nullable(),
  interfaces: z.array(VmkInterface),
  secureBoot: SecureBootState,
  /** `/User/execInstalledOnly`: null when the option does not exist (before ESXi 7/8). */
  execInstalledOnly: z.boolean().nullable(),
  ghettoVcbVib: Vib.nullable(),
});
export type Host = z.infer<typeof Host>;
