import type { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors/app-error.ts';
import { NewHost, type HostEntry } from '../../../shared/ipc/fleet.ts';

interface Row {
  id: string;
  role: HostEntry['role'];
  name: string;
  address: string;
  port: number;
  username: string;
  auth: HostEntry['auth'];
  key_path: string | null;
  group_name: string | null;
  has_secret: number;
  created_at: number;
}

const toEntry = (r: Row): HostEntry => ({
  id: r.id,
  role: r.role,
  name: r.name,
  address: r.address,
  port: r.port,
  username: r.username,
  auth: r.auth,
  keyPath: r.key_path,
  group: r.group_name,
  hasSecret: r.has_secret === 1,
  createdAt: r.created_at,
});

/** The managed hosts and NAS, one row each; (address, port) is unique so a host is never added twice. */
export class HostStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  list(): HostEntry[] {
    const rows = this.#db.prepare('SELECT * FROM hosts ORDER BY role DESC, group_name, name COLLATE NOCASE').all() as unknown as Row[];
    return rows.map(toEntry);
  }

  get(id: string): HostEntry {
    const row = this.#db.prepare('SELECT * FROM hosts WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new AppError('fleet.hostNotFound', `No host with id ${id}`, { id });
    return toEntry(row);
  }

  findByAddress(address: string, port: number): HostEntry | null {
    const row = this.#db.prepare('SELECT * FROM hosts WHERE address = ? AND port = ?').get(address, port) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** `id` lets a caller that already used an id (for the probe's connection and keychain entry) keep it. */
  add(input: NewHost, now = Date.now(), id: string = randomUUID()): HostEntry {
    const host = NewHost.parse(input);
    const existing = this.findByAddress(host.address, host.port);
    if (existing) {
      throw new AppError('fleet.hostExists', `${host.address}:${host.port} is already in the fleet as ${existing.name}`, {
        address: host.address,
        port: host.port,
        name: existing.name,
      });
    }
    this.#db
      .prepare('INSERT INTO hosts (id, role, name, address, port, username, auth, key_path, group_name, has_secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)')
      .run(id, host.role, host.name || host.address, host.address, host.port, host.username, host.auth, host.keyPath ?? null, host.group ?? null, now);
    return this.get(id);
  }

  setHasSecret(id: string, hasSecret: boolean): void {
    this.#db.prepare('UPDATE hosts SET has_secret = ? WHERE id = ?').run(hasSecret ? 1 : 0, id);
  }

  rename(id: string, name: string): HostEntry {
    const trimmed = name.trim();
    if (!trimmed) throw new AppError('fleet.nameEmpty', 'A host needs a name');
    this.#db.prepare('UPDATE hosts SET name = ? WHERE id = ?').run(trimmed, id);
    return this.get(id);
  }

  /** Forgets the host in Custode only; nothing on the host changes. */
  remove(id: string): void {
    this.get(id);
    this.#db.prepare('DELETE FROM hosts WHERE id = ?').run(id);
  }
}
