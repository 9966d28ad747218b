/**
 * The person who decides whether a host key is trusted. Core keeps the pins; this port is only asked when
 * there is no pin (first contact) and told when a pinned key has changed. Electron and the browser host
 * answer through the UI, the CLI on the terminal, tests with a script.
 */
export interface HostKeyFacts {
  hostId: string;
  /** What the user typed to reach the host (name or address) and the port. */
  host: string;
  port: number;
  /** `ecdsa-sha2-nistp256`, `rsa-sha2-512`… as the server presented it. */
  keyType: string;
  /** `SHA256:` + unpadded base64, the same string `ssh-keygen -lf` prints. */
  fingerprint: string;
}

export interface HostKeyChange extends HostKeyFacts {
  /** What was pinned before; the connection has already been refused. */
  pinnedKeyType: string;
  pinnedFingerprint: string;
  pinnedAt: number;
}

export type HostKeyDecision = 'trust' | 'reject';

export interface HostKeyTrust {
  /** First contact: nothing has been sent yet and nothing will be until this resolves to 'trust'. */
  confirmUnknown(facts: HostKeyFacts, signal: AbortSignal): Promise<HostKeyDecision>;
  /** A pinned key changed: the connection is refused whatever happens here; this makes it loud. */
  reportChanged(change: HostKeyChange): void;
}
