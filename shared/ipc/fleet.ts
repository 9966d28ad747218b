import { z } from 'zod';
import { Finding } from '../model/finding.ts';
import { PowerState } from '../model/vm.ts';
import { VM_OUTCOMES } from '../model/vm-outcome.ts';
import { ErrorDataSchema } from './jobs.ts';

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


/**
 * The fleet view: what the last probe of each machine found, kept in the database so it shows at once and
 * offline. Findings carry an i18n code and params; their text says what is wrong and what to do.
 */
export const ProbeState = z.enum(['never', 'ok', 'partial', 'unreachable', 'failed']);
export type ProbeState = z.infer<typeof ProbeState>;

/** A text in both languages, for words made by core from data (a cron schedule in words). */
export const BilingualText = z.object({ it: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualText>;

export const VmOutcomeName = z.enum(VM_OUTCOMES);

export const GhettoVcbInstall = z.object({
  kind: z.enum(['datastore', 'vib']),
  /** The script's path on the host. */
  path: z.string(),
  /** `2025_10_30_1`-style version from the script header, when readable. */
  version: z.string().nullable(),
  /** Release tags whose whitelist accepts this host's ESXi version (empty: none does). */
  acceptsEsxi: z.boolean().nullable(),
});

export const Schedule = z.object({
  /** The crontab line as written on the host. */
  line: z.string(),
  text: BilingualText.nullable(),
  nextRun: z.number().nullable(),
  /** True when /etc/rc.local.d/local.sh re-creates this entry after a reboot (and Secure Boot lets it run). */
  survivesReboot: z.boolean().nullable(),
  confPath: z.string().nullable(),
  logTarget: z.string().nullable(),
});

export const LastRun = z.object({
  logPath: z.string(),
  startedAt: z.string().nullable(),
  finalStatus: z.string().nullable(),
  exitCode: z.number().nullable(),
  aborted: z.boolean(),
  vmsOk: z.number().int(),
  vmsProblem: z.number().int(),
});

export const BackupCopyRow = z.object({
  folder: z.string(),
  /** Epoch ms from the folder's mtime (rotation order). */
  at: z.number(),
  status: z.enum(['ok', 'warn', 'error', 'unknown']),
  sizeBytes: z.number().nullable(),
});

export const VmRow = z.object({
  vmid: z.string(),
  name: z.string(),
  powerState: PowerState.nullable(),
  datastore: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  snapshots: z.number().int(),
  independentDisks: z.number().int(),
  rdmDisks: z.number().int(),
  copies: z.array(BackupCopyRow),
  rotation: z.number().int().nullable(),
  lastGood: BackupCopyRow.nullable(),
  lastOutcome: VmOutcomeName.nullable(),
  /** What will stop or limit tonight's backup of this VM, most severe first. */
  blockers: z.array(Finding),
});
export type VmRow = z.infer<typeof VmRow>;

export const EsxiStatus = z.object({
  host: HostEntry,
  state: ProbeState,
  probedAt: z.number().nullable(),
  error: ErrorDataSchema.nullable(),
  version: z.string().nullable(),
  build: z.string().nullable(),
  hostname: z.string().nullable(),
  /** The management IP the host reports (the NAS export ACL is checked against it). */
  identityIp: z.string().nullable(),
  secureBoot: z.enum(['enabled', 'disabled', 'unknown']),
  installs: z.array(GhettoVcbInstall),
  schedules: z.array(Schedule),
  backupVolume: z.string().nullable(),
  lock: z.enum(['none', 'running', 'stale']).nullable(),
  lastRun: LastRun.nullable(),
  findings: z.array(Finding),
  vms: z.array(VmRow),
});
export type EsxiStatus = z.infer<typeof EsxiStatus>;

export const NasShareRow = z.object({
  path: z.string(),
  enabled: z.boolean(),
  readOnly: z.boolean(),
  hosts: z.array(z.string()),
  networks: z.array(z.string()),
  maproot: z.string().nullable(),
  security: z.array(z.string()),
  usedBytes: z.number().nullable(),
  availableBytes: z.number().nullable(),
  snapshotTask: z.boolean().nullable(),
  encrypted: z.boolean().nullable(),
  findings: z.array(Finding),
});

export const NasStatus = z.object({
  host: HostEntry,
  state: ProbeState,
  probedAt: z.number().nullable(),
  error: ErrorDataSchema.nullable(),
  version: z.string().nullable(),
  nfsV4: z.boolean().nullable(),
  shares: z.array(NasShareRow),
  findings: z.array(Finding),
});
export type NasStatus = z.infer<typeof NasStatus>;

export const FleetView = z.object({
  esxi: z.array(EsxiStatus),
  nas: z.array(NasStatus),
});
export type FleetView = z.infer<typeof FleetView>;

/** Adding a machine probes it first (host key, login, read-only commands); only a reachable one is saved. */
export const AddHostInput = z
  .object({
    host: NewHost,
    /** Typed by the user; used for this login and kept in the OS keychain only when `remember` is true. */
    password: z.string().max(1024).optional(),
    keyPassphrase: z.string().max(1024).optional(),
    remember: z.boolean().default(false),
    /** Why the machine is added: recorded in the audit trail with the operation. */
    reason: z.string().max(100_000).optional(),
  })
  .strict();
export type AddHostInput = z.input<typeof AddHostInput>;
