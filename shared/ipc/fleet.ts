import { z } from 'zod';

/** A machine Custode manages: an ESXi host or the TrueNAS that holds the copies. */
export const HostRole = z.enum(['esxi', 'nas']);
export type HostRole = z.infer<typeof HostRole>;

/** `password` covers both SSH password and keyboard-interactive (ESXi's default asks through the latter). */
export const AuthMethod = z.enum(['password', 'key', 'agent']);
export type AuthMethod = z.infer<typeof AuthMethod>;

const Address = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'an IP address or a host name');

export const HostEntry = z.object({
  id: z.string(),
  role: HostRole,
  name: z.string(),
  address: Address,
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1),
  auth: AuthMethod,
  keyPath: z.string().nullable(),
  group: z.string().nullable(),
  /** Whether a password or key passphrase is kept in the OS keychain for this host. */
  hasSecret: z.boolean(),
  createdAt: z.number(),
});
export type HostEntry = z.infer<typeof HostEntry>;

export const NewHost = z
  .object({
    role: HostRole,
    name: z.string().trim().max(120).optional(),
    address: Address,
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().trim().min(1).max(64).default('root'),
    auth: AuthMethod,
    keyPath: z.string().min(1).optional(),
    group: z.string().trim().max(80).optional(),
  })
  .strict()
  .refine((h) => h.auth !== 'key' || h.keyPath !== undefined, { message: 'a key file is needed for key authentication', path: ['keyPath'] });
export type NewHost = z.input<typeof NewHost>;
