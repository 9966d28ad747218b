/**
 * The schema, as an append-only list: migration N brings user_version N-1 to N.
 * Never edit a shipped entry; add a new one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE settings (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
  // 2: host trust (electron/core/trust/pin-store.ts): pinned host keys per host, port and key type, and every trust event.
  `CREATE TABLE host_key_pins (
     host        TEXT NOT NULL,
     port        INTEGER NOT NULL,
     key_type    TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     public_key  TEXT NOT NULL,
     source      TEXT NOT NULL,
     pinned_at   INTEGER NOT NULL,
     PRIMARY KEY (host, port, key_type)
   ) STRICT;
   CREATE TABLE host_key_events (
     id                   INTEGER PRIMARY KEY,
     at                   INTEGER NOT NULL,
     kind                 TEXT NOT NULL,
     host                 TEXT NOT NULL,
     port                 INTEGER NOT NULL,
     key_type             TEXT NOT NULL,
     fingerprint          TEXT NOT NULL,
     previous_fingerprint TEXT
   ) STRICT;`,
  // The managed machines. Secrets are not here: they live in the SecretStore (the SSH password under `ssh.password:<id>`).
  `CREATE TABLE hosts (
     id          TEXT PRIMARY KEY,
     role        TEXT NOT NULL CHECK (role IN ('esxi', 'nas')),
     name        TEXT NOT NULL,
     address     TEXT NOT NULL,
     port        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
     username    TEXT NOT NULL,
     auth        TEXT NOT NULL CHECK (auth IN ('password', 'key', 'agent')),
     key_path    TEXT,
     group_name  TEXT,
     has_secret  INTEGER NOT NULL DEFAULT 0,
     created_at  INTEGER NOT NULL,
     UNIQUE (address, port)
   ) STRICT;`,
  // 4: the last probe of each managed machine (electron/core/fleet/probe-store.ts): how the last attempt went, and the
  // facts of the last one that reached it (JSON, versioned by facts_schema).
  `CREATE TABLE fleet_probes (
     host_id       TEXT PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
     attempted_at  INTEGER NOT NULL,
     state         TEXT NOT NULL CHECK (state IN ('ok', 'partial', 'unreachable', 'failed')),
     error         TEXT,
     facts         TEXT,
     facts_at      INTEGER,
     facts_schema  INTEGER
   ) STRICT;`,
  // 5: the audit trail (electron/core/audit/audit-store.ts): append-only, each row hash-chained to the one before.
  // The triggers stop accidental edits; the chain (`custode audit verify`) shows deliberate ones.
  `CREATE TABLE audit_entries (
     seq          INTEGER PRIMARY KEY,
     id           TEXT NOT NULL UNIQUE,
     at           INTEGER NOT NULL,
     user         TEXT NOT NULL,
     workstation  TEXT NOT NULL,
     kind         TEXT NOT NULL,
     operation_id TEXT,
     subject      TEXT NOT NULL,
     title        TEXT NOT NULL,
     target       TEXT NOT NULL,
     host_ids     TEXT NOT NULL,
     reason       TEXT,
     outcome      TEXT,
     data         TEXT NOT NULL,
     prev_hash    TEXT NOT NULL,
     hash         TEXT NOT NULL
   ) STRICT;
   CREATE INDEX audit_entries_operation ON audit_entries (operation_id);
   CREATE INDEX audit_entries_at ON audit_entries (at);
   CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
];
