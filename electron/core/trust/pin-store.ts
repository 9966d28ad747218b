import type { DatabaseSync } from 'node:sqlite';

export type PinSource = 'user' | 'known_hosts';

export interface HostKeyPin {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** base64 of the key blob, so a pin can be shown or exported later exactly as received. */
  publicKey: string;
  source: PinSource;
  pinnedAt: number;
}

export type HostKeyEventKind = 'trusted' | 'rejected' | 'changed' | 'imported' | 'removed';

export interface HostKeyEvent {
  id: number;
  at: number;
  kind: HostKeyEventKind;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  previousFingerprint: string | null;
}

interface PinRow {
  host: string;
  port: number;
  key_type: string;
  fingerprint: string;
  public_key: string;
  source: string;
  pinned_at: number;
}

interface EventRow {
  id: number;
  at: number;
  kind: string;
  host: string;
  port: number;
  key_type: string;
  fingerprint: string;
  previous_fingerprint: string | null;
}

/** Hosts are compared case-insensitively, as DNS names and OpenSSH's known_hosts do. */
export const normalizeHost = (host: string): string => host.trim().toLowerCase();

/** The only SQL of host trust: pins per host, port and key type, and the append-only record of what happened. */
export class PinStore {
  readonly #db: DatabaseSync;
  readonly #observers: ((event: Omit<HostKeyEvent, 'id'>) => void)[] = [];

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  pinsFor(host: string, port: number): HostKeyPin[] {
    const rows = this.#db
      .prepare('SELECT * FROM host_key_pins WHERE host = ? AND port = ? ORDER BY pinned_at')
      .all(normalizeHost(host), port) as unknown as PinRow[];
    return rows.map(toPin);
  }

  all(): HostKeyPin[] {
    return (this.#db.prepare('SELECT * FROM host_key_pins ORDER BY host, port, key_type').all() as unknown as PinRow[]).map(toPin);
  }

  /** Adds or replaces the pin for this host, port and key type. */
  pin(pin: Omit<HostKeyPin, 'host'> & { host: string }): void {
    this.#db
      .prepare(
        `INSERT INTO host_key_pins (host, port, key_type, fingerprint, public_key, source, pinned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(host, port, key_type) DO UPDATE SET fingerprint = excluded.fingerprint, public_key = excluded.public_key,
           source = excluded.source, pinned_at = excluded.pinned_at`,
      )
      .run(normalizeHost(pin.host), pin.port, pin.keyType, pin.fingerprint, pin.publicKey, pin.source, pin.pinnedAt);
  }

  /** Forgets every pin of a host and port (the user re-keyed the host on purpose). */
  unpin(host: string, port: number): number {
    return Number(this.#db.prepare('DELETE FROM host_key_pins WHERE host = ? AND port = ?').run(normalizeHost(host), port).changes);
  }

  record(event: Omit<HostKeyEvent, 'id'>): void {
    this.#db
      .prepare('INSERT INTO host_key_events (at, kind, host, port, key_type, fingerprint, previous_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(event.at, event.kind, normalizeHost(event.host), event.port, event.keyType, event.fingerprint, event.previousFingerprint);
    for (const observe of this.#observers) observe({ ...event, host: normalizeHost(event.host) });
  }

  /** Hears every trust decision as it is recorded (the audit trail keeps its own copy). */
  observe(listener: (event: Omit<HostKeyEvent, 'id'>) => void): void {
    this.#observers.push(listener);
  }

  events(host?: string, port?: number): HostKeyEvent[] {
    const rows = (
      host === undefined
        ? this.#db.prepare('SELECT * FROM host_key_events ORDER BY id').all()
        : this.#db.prepare('SELECT * FROM host_key_events WHERE host = ? AND port = ? ORDER BY id').all(normalizeHost(host), port ?? 22)
    ) as unknown as EventRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind as HostKeyEventKind,
      host: r.host,
      port: r.port,
      keyType: r.key_type,
      fingerprint: r.fingerprint,
      previousFingerprint: r.previous_fingerprint,
    }));
  }
}

function toPin(r: PinRow): HostKeyPin {
  return {
    host: r.host,
    port: r.port,
    keyType: r.key_type,
    fingerprint: r.fingerprint,
    publicKey: r.public_key,
    source: r.source as PinSource,
    pinnedAt: r.pinned_at,
  };
}
