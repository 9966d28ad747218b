/** How to reach one host and prove who we are; no secret is ever part of it (they come from the keychain or a person). */
export interface SshTarget {
  /** Stable id of the host in Custode (the same id the UI shows state for). */
  hostId: string;
  /** Name or address as the user typed it; pins are kept per host and port. */
  host: string;
  port: number;
  username: string;
  auth: AuthConfig;
}

export interface AuthConfig {
  /** Private key files, tried in order; an encrypted one asks for its passphrase. */
  privateKeyPaths?: string[];
  /** ssh-agent: true uses SSH_AUTH_SOCK, a string is the agent's socket path. */
  agent?: boolean | string;
  /** Password logins: keyboard-interactive (ESXi's default) and plain password, from the keychain or asked. */
  password?: boolean;
  /** Which password methods, in order (default both, keyboard-interactive first). */
  passwordMethods?: ('keyboard-interactive' | 'password')[];
}

export interface ConnectionPolicy {
  /** Channels (commands, SFTP sessions) open at once on one host; OpenSSH allows 10 by default (MaxSessions). */
  maxChannels: number;
  /** How long a command may wait for a free channel before `ssh.channelLimit`. */
  channelWaitMs: number;
  /** TCP connect plus handshake. */
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** The connection is closed after this long without an open channel. */
  idleCloseMs: number;
  /** Reconnects after an unexpected drop: delays double from base to max, for at most `attempts` tries. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  reconnectAttempts: number;
}

export const DEFAULT_POLICY: ConnectionPolicy = {
  maxChannels: 8,
  channelWaitMs: 120_000,
  readyTimeoutMs: 20_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  idleCloseMs: 5 * 60_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
  reconnectAttempts: 6,
};

export type ConnectionStateName = 'idle' | 'connecting' | 'verifying' | 'authenticating' | 'ready' | 'reconnecting' | 'failed';

export interface ConnectionState {
  hostId: string;
  state: ConnectionStateName;
  /** Present in `failed` (and `reconnecting`, the reason of the drop). */
  error?: { code: string; message: string };
  /** In `reconnecting`: which try comes next and when. */
  attempt?: number;
  retryAt?: number;
  openChannels: number;
}
