import { z } from 'zod';

/** Calls and events of the SSH layer: connection state per host, host-key and login prompts, pins, secrets. */

const HostId = z.string().min(1).max(200);
const Port = z.number().int().min(1).max(65535);
const Host = z.string().min(1).max(255);

export const ConnectionStateName = z.enum(['idle', 'connecting', 'verifying', 'authenticating', 'ready', 'reconnecting', 'failed']);
export type ConnectionStateName = z.infer<typeof ConnectionStateName>;

export const ConnectionState = z.object({
  hostId: HostId,
  state: ConnectionStateName,
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  attempt: z.number().int().optional(),
  retryAt: z.number().optional(),
  openChannels: z.number().int(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const AuthConfig = z
  .object({
    privateKeyPaths: z.array(z.string().min(1).max(4096)).max(8).optional(),
    agent: z.union([z.boolean(), z.string().min(1).max(4096)]).optional(),
    password: z.boolean().optional(),
    passwordMethods: z.array(z.enum(['keyboard-interactive', 'password'])).max(2).optional(),
  })
  .strict();

export const SshTargetInput = z
  .object({
    hostId: HostId,
    host: Host,
    port: Port.default(22),
    username: z.string().min(1).max(64),
    auth: AuthConfig,
  })
  .strict();

export const HostKeyPrompt = z.object({
  promptId: z.string(),
  hostId: HostId,
  host: Host,
  port: Port,
  keyType: z.string(),
  fingerprint: z.string(),
});
export type HostKeyPrompt = z.infer<typeof HostKeyPrompt>;

export const HostKeyChanged = z.object({
  hostId: HostId,
  host: Host,
  port: Port,
  keyType: z.string(),
  fingerprint: z.string(),
  pinnedKeyType: z.string(),
  pinnedFingerprint: z.string(),
  pinnedAt: z.number(),
  at: z.number(),
});
export type HostKeyChanged = z.infer<typeof HostKeyChanged>;

export const SecretStorage = z.object({
  kind: z.enum(['os-keychain', 'basic-text', 'memory', 'unavailable']),
  name: z.string(),
  /** Only meaningful for basic-text: the user agreed that secrets may be kept with a fixed key. */
  basicTextAccepted: z.boolean(),
});
export type SecretStorage = z.infer<typeof SecretStorage>;

export const AuthPrompt = z.object({
  promptId: z.string(),
  hostId: HostId,
  host: Host,
  username: z.string(),
  kind: z.enum(['keyboard-interactive', 'password', 'passphrase']),
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.object({ text: z.string(), echo: z.boolean() })),
  canRemember: z.boolean(),
  storage: SecretStorage,
});
export type AuthPrompt = z.infer<typeof AuthPrompt>;

export const HostKeyPin = z.object({
  host: Host,
  port: Port,
  keyType: z.string(),
  fingerprint: z.string(),
  source: z.enum(['user', 'known_hosts']),
  pinnedAt: z.number(),
});

export const HostKeyEvent = z.object({
  id: z.number(),
  at: z.number(),
  kind: z.enum(['trusted', 'rejected', 'changed', 'imported', 'removed']),
  host: Host,
  port: Port,
  keyType: z.string(),
  fingerprint: z.string(),
  previousFingerprint: z.string().nullable(),
});

export const ImportReport = z.object({
  imported: z.array(z.object({ host: Host, port: Port, keyType: z.string(), fingerprint: z.string() })),
  unchanged: z.number(),
  conflicts: z.array(z.object({ host: Host, port: Port, keyType: z.string(), pinned: z.string(), inFile: z.string(), line: z.number() })),
  revoked: z.number(),
  skipped: z.number(),
});

const Empty = z.object({}).strict();
const Accepted = z.object({ accepted: z.boolean() });
const HostRef = z.object({ hostId: HostId }).strict();
const HostPort = z.object({ host: Host, port: Port.default(22) }).strict();

export const sshMethods = {
  /** Registers (or updates) a host and connects now: first contact shows the host key, logins may prompt. */
  'ssh.connect': { input: SshTargetInput, output: ConnectionState },
  'ssh.disconnect': { input: HostRef, output: ConnectionState },
  'ssh.states': { input: Empty, output: z.array(ConnectionState) },
  /** Prompts still waiting for an answer (a reloaded page shows them again). */
  'ssh.pending': { input: Empty, output: z.object({ hostKeys: z.array(HostKeyPrompt), auth: z.array(AuthPrompt) }) },
  'ssh.hostKey.answer': { input: z.object({ promptId: z.string(), decision: z.enum(['trust', 'reject']) }).strict(), output: Accepted },
  'ssh.auth.answer': {
    input: z.union([
      z.object({ promptId: z.string(), answers: z.array(z.string().max(4096)).max(16), remember: z.boolean(), acceptBasicText: z.boolean().optional() }).strict(),
      z.object({ promptId: z.string(), cancelled: z.literal(true) }).strict(),
    ]),
    output: Accepted,
  },
  'ssh.forgetPassword': { input: HostRef, output: Empty },
  'ssh.trust.pins': { input: HostPort.partial().strict(), output: z.array(HostKeyPin) },
  'ssh.trust.events': { input: HostPort.partial().strict(), output: z.array(HostKeyEvent) },
  /** An audited operation: it needs the reason, which the trail keeps (a blank one is refused). */
  'ssh.trust.forget': { input: HostPort.extend({ reason: z.string().max(100_000) }).strict(), output: z.object({ removed: z.number() }) },
  'ssh.trust.importKnownHosts': {
    input: z.object({ text: z.string().max(4 * 1024 * 1024), candidates: z.array(HostPort).max(1000).optional() }).strict(),
    output: ImportReport,
  },
  'ssh.secrets.status': { input: Empty, output: SecretStorage },
  'ssh.secrets.acceptBasicText': { input: z.object({ accepted: z.boolean() }).strict(), output: SecretStorage },
} as const;

export const sshEvents = {
  'ssh:state': ConnectionState,
  'ssh:hostKeyPrompt': HostKeyPrompt,
  'ssh:hostKeyChanged': HostKeyChanged,
  'ssh:authPrompt': AuthPrompt,
  /** A prompt was answered elsewhere, or its login ended: close the dialog. */
  'ssh:promptClosed': z.object({ promptId: z.string() }),
  /** Something to tell the user that is not an error, e.g. `secrets.basicTextNotAccepted` after "remember". */
  'ssh:notice': z.object({ hostId: HostId, code: z.string() }),
} as const;
