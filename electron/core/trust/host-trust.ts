import { AppError } from '../../../shared/errors/app-error.ts';
import type { HostKeyTrust } from '../ports/host-key-trust.ts';
import { algorithmsForKeyType, fingerprintOf, keyTypeOf } from './fingerprint.ts';
import { keysFor, parseKnownHosts, plainHosts } from './known-hosts.ts';
import type { HostKeyPin, PinStore } from './pin-store.ts';

export type TrustOutcome =
  | { kind: 'match'; keyType: string; fingerprint: string }
  | { kind: 'trusted'; keyType: string; fingerprint: string }
  | { kind: 'rejected'; keyType: string; fingerprint: string }
  | { kind: 'changed'; keyType: string; fingerprint: string; pinned: HostKeyPin };

export interface ImportReport {
  imported: { host: string; port: number; keyType: string; fingerprint: string }[];
  unchanged: number;
  /** Already pinned with a different key: never overwritten by an import. */
  conflicts: { host: string; port: number; keyType: string; pinned: string; inFile: string; line: number }[];
  revoked: number;
  skipped: number;
}

/**
 * Trust on first use, done properly: a key is pinned only after a person accepted its fingerprint, a pinned
 * key that changed is refused and recorded, and nothing about the host's key is decided anywhere else.
 */
export class HostTrust {
  readonly #pins: PinStore;
  readonly #port: HostKeyTrust;
  readonly #now: () => number;

  constructor(pins: PinStore, port: HostKeyTrust, now: () => number = Date.now) {
    this.#pins = pins;
    this.#port = port;
    this.#now = now;
  }

  /** Host key algorithms to ask for first, so a host presents the key type we pinned. */
  preferredAlgorithms(host: string, port: number): string[] {
    return this.#pins.pinsFor(host, port).flatMap((p) => algorithmsForKeyType(p.keyType));
  }

  pins(host: string, port: number): HostKeyPin[] {
    return this.#pins.pinsFor(host, port);
  }

  async check(target: { hostId: string; host: string; port: number }, keyBlob: Buffer, signal: AbortSignal): Promise<TrustOutcome> {
    const keyType = keyTypeOf(keyBlob);
    const fingerprint = fingerprintOf(keyBlob);
    const { hostId, host, port } = target;
    const who = { hostId, host, port };
    const pins = this.#pins.pinsFor(host, port);
    const sameType = pins.find((p) => p.keyType === keyType);
    if (sameType?.fingerprint === fingerprint) return { kind: 'match', keyType, fingerprint };
    // A pin of this type with another key, or pins only of types the host no longer presents: both are a change.
    const pinned = sameType ?? pins[0];
    if (pinned) {
      this.#pins.record({ at: this.#now(), kind: 'changed', host, port, keyType, fingerprint, previousFingerprint: pinned.fingerprint });
      this.#port.reportChanged({ ...who, keyType, fingerprint, pinnedKeyType: pinned.keyType, pinnedFingerprint: pinned.fingerprint, pinnedAt: pinned.pinnedAt });
      return { kind: 'changed', keyType, fingerprint, pinned };
    }
    const decision = await this.#port.confirmUnknown({ ...who, keyType, fingerprint }, signal);
    if (signal.aborted) throw signal.reason;
    if (decision !== 'trust') {
      this.#pins.record({ at: this.#now(), kind: 'rejected', host, port, keyType, fingerprint, previousFingerprint: null });
      return { kind: 'rejected', keyType, fingerprint };
    }
    const at = this.#now();
    this.#pins.pin({ host, port, keyType, fingerprint, publicKey: keyBlob.toString('base64'), source: 'user', pinnedAt: at });
    this.#pins.record({ at, kind: 'trusted', host, port, keyType, fingerprint, previousFingerprint: null });
    return { kind: 'trusted', keyType, fingerprint };
  }

  /** The user re-keyed a host on purpose: forget its pins so the next contact asks again. */
  forget(host: string, port: number): number {
    const pins = this.#pins.pinsFor(host, port);
    for (const p of pins) this.#pins.record({ at: this.#now(), kind: 'removed', host, port, keyType: p.keyType, fingerprint: p.fingerprint, previousFingerprint: null });
    return this.#pins.unpin(host, port);
  }

  /**
   * Imports pins from an OpenSSH known_hosts. Plain entries are imported for the hosts they name; hashed entries
   * only for the `candidates` (a hash can be matched, never read back).
   */
  importKnownHosts(text: string, candidates: { host: string; port: number }[] = []): ImportReport {
    if (text.length > 4 * 1024 * 1024) throw new AppError('trust.knownHostsTooLarge', 'The known_hosts file is larger than 4 MB');
    const file = parseKnownHosts(text);
    const report: ImportReport = { imported: [], unchanged: 0, conflicts: [], revoked: 0, skipped: file.skipped.length };
    const targets = new Map<string, { host: string; port: number }>();
    for (const t of [...plainHosts(file), ...candidates]) targets.set(`${t.host.toLowerCase()}\n${t.port}`, { host: t.host.toLowerCase(), port: t.port });
    for (const { host, port } of targets.values()) {
      const existing = this.#pins.pinsFor(host, port);
      for (const key of keysFor(file, host, port)) {
        if (key.revoked) {
          report.revoked++;
          continue;
        }
        const pinned = existing.find((p) => p.keyType === key.keyType);
        if (pinned?.fingerprint === key.fingerprint) report.unchanged++;
        else if (pinned) report.conflicts.push({ host, port, keyType: key.keyType, pinned: pinned.fingerprint, inFile: key.fingerprint, line: key.line });
        else {
          const at = this.#now();
          this.#pins.pin({ host, port, keyType: key.keyType, fingerprint: key.fingerprint, publicKey: key.publicKey, source: 'known_hosts', pinnedAt: at });
          this.#pins.record({ at, kind: 'imported', host, port, keyType: key.keyType, fingerprint: key.fingerprint, previousFingerprint: null });
          report.imported.push({ host, port, keyType: key.keyType, fingerprint: key.fingerprint });
        }
      }
    }
    return report;
  }
}
